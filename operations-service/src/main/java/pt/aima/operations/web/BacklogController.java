package pt.aima.operations.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.cases.BacklogCounts;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import tools.jackson.databind.json.JsonMapper;

/** How many cases wait where, for how long, and for whom: the recovery operation's backlog. */
@RestController
class BacklogController {

    private final BacklogCounts counts;

    /**
     * The answers, written once per count (with and without rows, up to date or not): the count changes every few
     * seconds at most, while the dashboard and every operator ask for it all the time, and writing the full cross of a
     * national backlog as JSON costs far more than the count itself.
     */
    private final WrittenAnswers<Asked> answers;

    private record Asked(boolean rows, boolean upToDate) {}

    BacklogController(BacklogCounts counts, JsonMapper json) {
        this.counts = counts;
        this.answers = new WrittenAnswers<>(json, 4);
    }

    /**
     * The last count of the backlog (taken in the background, a few seconds old at most while cases change; see
     * {@code computedAt}).
     *
     * @param rows {@code false} leaves out the full cross of every dimension (the summaries stay)
     */
    @GetMapping("/operations/backlog")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR})
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BacklogView.class)))
    ResponseEntity<byte[]> backlog(
            @RequestParam(name = "rows", required = false) String rows,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        boolean full = rows == null || rows.equals("true");
        if (!full && !rows.equals("false")) {
            throw InvalidRequest.of("rows", "must be true or false");
        }
        BacklogCounts.Latest latest = counts.latestWithState();
        return answers.answer(
                new Asked(full, latest.upToDate()),
                latest.backlog(),
                backlog -> BacklogView.of(latest, full),
                acceptEncoding);
    }
}

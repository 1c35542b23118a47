package pt.aima.operations.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pt.aima.operations.projection.queues.QueueItem;
import pt.aima.operations.projection.queues.WorkQueue;
import pt.aima.operations.projection.queues.WorkQueueQueries;
import pt.aima.operations.projection.queues.WorkQueueQueries.AsOf;
import pt.aima.operations.projection.queues.WorkQueueQueries.QueuePage;
import pt.aima.platform.security.AllowedRoles;
import pt.aima.platform.security.Role;
import tools.jackson.databind.json.JsonMapper;

/** The work queues, most urgent item first, for operations, caseworkers and auditors. */
@RestController
class WorkQueueController {

    static final List<Integer> STAY_WINDOWS = List.of(30, 60, 90);

    /** As many answers as {@link WorkQueueQueries} keeps pages. */
    private static final int ANSWERS_KEPT = 100;

    private final WorkQueueQueries queues;
    private final Paging paging;
    private final Clock clock;
    private final WrittenAnswers<Asked> answers;

    /** What a queue's page asks for (its answer shows the day too). */
    private record Asked(WorkQueue queue, LocalDate today, int withinDays, Paging.Request page) {}

    WorkQueueController(WorkQueueQueries queues, Paging paging, Clock clock, JsonMapper json) {
        this.queues = queues;
        this.paging = paging;
        this.clock = clock;
        this.answers = new WrittenAnswers<>(json, ANSWERS_KEPT);
    }

    /** A queue's page, with what the queue holds and what "most urgent first" means for it. */
    record QueueView(
            String queue,
            String description,
            String order,
            LocalDate asOf,
            List<? extends QueueItem> content,
            int page,
            int size,
            long totalElements,
            int totalPages) {}

    /** Every queue with its length today. */
    record QueueSummary(String queue, String description, String order, long length) {}

    @GetMapping("/operations/queues")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    List<QueueSummary> all() {
        Map<WorkQueue, Long> lengths = queues.lengths(asOf(90));
        return Arrays.stream(WorkQueue.values())
                .map(queue -> new QueueSummary(queue.slug(), queue.description(), queue.order(), lengths.get(queue)))
                .toList();
    }

    /** A queue's page (a {@link QueueView}), most urgent first. */
    @GetMapping("/operations/queues/{queue}")
    @AllowedRoles({Role.OPERATIONS, Role.AUDITOR, Role.CASEWORKER})
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = QueueView.class)))
    ResponseEntity<byte[]> queue(
            @PathVariable("queue") String name,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size,
            @RequestParam(name = "withinDays", required = false) String withinDays,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        WorkQueue queue = WorkQueue.named(name)
                .orElseThrow(() -> NotFound.queue(
                        name,
                        Arrays.stream(WorkQueue.values()).map(WorkQueue::slug).collect(Collectors.joining(", "))));
        Paging.Request request = paging.read(page, size);
        AsOf asOf = asOf(window(queue, withinDays));
        return answers.answer(
                new Asked(queue, asOf.today(), asOf.withinDays(), request),
                queues.page(queue, asOf, request.page(), request.size()),
                found -> view(queue, asOf, request, found),
                acceptEncoding);
    }

    private static QueueView view(WorkQueue queue, AsOf asOf, Paging.Request request, QueuePage found) {
        PageView<QueueItem> view = PageView.of(List.copyOf(found.items()), request, found.total());
        return new QueueView(
                queue.slug(),
                queue.description(),
                queue.order(),
                asOf.today(),
                view.content(),
                view.page(),
                view.size(),
                view.totalElements(),
                view.totalPages());
    }

    /** The stay-expiring window: 30, 60 or 90 days (90 when not given); other queues take none. */
    private static int window(WorkQueue queue, String withinDays) {
        if (withinDays == null) {
            return 90;
        }
        if (queue != WorkQueue.STAY_EXPIRING) {
            throw InvalidRequest.of("withinDays", "only the stay-expiring queue takes a window");
        }
        try {
            int days = Integer.parseInt(withinDays.strip());
            if (STAY_WINDOWS.contains(days)) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw InvalidRequest.of("withinDays", "must be 30, 60 or 90");
    }

    private AsOf asOf(int withinDays) {
        Instant now = clock.instant();
        return new AsOf(LocalDate.ofInstant(now, clock.getZone()), now, withinDays);
    }
}

package pt.aima.document.projection.checklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pt.aima.document.casedocuments.Language;
import pt.aima.document.casedocuments.ReasonWording;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.asof.AsOfReplay;
import pt.aima.platform.security.CaseOwners;
import tools.jackson.core.type.TypeReference;

/**
 * Reads the checklist read model. Reasons are worded in the reader's language from their codes and facts; an item
 * without a code (a checklist opened before codes, its sentence not recognised) gets the rules' English sentence in
 * English and the generic reason in any other language, never another language's words.
 */
@Component
public class ChecklistQueries implements CaseOwners {

    private record CaseRow(
            UUID caseId, String applicantId, LocalDate submittedOn, boolean complete, String preferredLanguage) {}

    private static final TypeReference<Map<String, String>> FACTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ChecklistProjection projection;
    private final AsOfReplay replay;

    ChecklistQueries(JdbcClient jdbc, ChecklistProjection projection, AsOfReplay replay) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.replay = replay;
    }

    /** The checklist with its reasons in the applicant's language (Portuguese when none was registered). */
    public Optional<ChecklistView> findChecklist(CaseId caseId) {
        return findChecklist(caseId, null);
    }

    /** The checklist with its reasons in {@code reader}'s language; {@code null}: the applicant's. */
    public Optional<ChecklistView> findChecklist(CaseId caseId, Language reader) {
        return findCase(caseId).map(row -> {
            Language language = reader != null ? reader : Language.forPreference(row.preferredLanguage());
            return new ChecklistView(
                    row.caseId(),
                    row.submittedOn(),
                    row.complete(),
                    language.code(),
                    members(row, ReasonWording.in(language)));
        });
    }

    /**
     * The checklist as it stood at {@code asOf}: what this service had recorded about the case by then (the
     * registration it opened the checklist from is recorded in the case's own history), replayed through this read
     * model's projection.
     *
     * @return empty if the checklist was not opened yet at {@code asOf}, or the case is unknown
     */
    public Optional<ChecklistView> findChecklistAsOf(CaseId caseId, Instant asOf) {
        return findChecklistAsOf(caseId, asOf, null);
    }

    /** As {@link #findChecklistAsOf(CaseId, Instant)}, with the reasons in {@code reader}'s language. */
    public Optional<ChecklistView> findChecklistAsOf(CaseId caseId, Instant asOf, Language reader) {
        return replay.replay(caseId, asOf, projection, ChecklistProjection.TABLES, () -> findChecklist(caseId, reader));
    }

    /** The case's registration date, which decides the policy it is judged by; empty if the case is unknown here. */
    public Optional<LocalDate> submittedOn(CaseId caseId) {
        return findCase(caseId).map(CaseRow::submittedOn);
    }

    /**
     * The case's applicant, for the platform's access guard. The owner comes from the read model, which has it as soon
     * as the checklist is opened and never changes it; empty while the case is unknown here.
     */
    @Override
    public Optional<Owner> ownerOf(UUID caseId) {
        return findCase(new CaseId(caseId)).map(row -> new Owner(row.applicantId()));
    }

    private Optional<CaseRow> findCase(CaseId caseId) {
        return jdbc.sql(
                        """
                select case_id, applicant_id, submitted_on, complete, preferred_language
                from checklist_case where case_id = :caseId
                """)
                .param("caseId", caseId.value())
                .query((rs, row) -> new CaseRow(
                        rs.getObject("case_id", UUID.class),
                        rs.getString("applicant_id"),
                        rs.getObject("submitted_on", LocalDate.class),
                        rs.getBoolean("complete"),
                        rs.getString("preferred_language")))
                .optional();
    }

    private List<ChecklistView.MemberItems> members(CaseRow row, ReasonWording wording) {
        Map<UUID, List<ChecklistView.Item>> byMember = new LinkedHashMap<>();
        jdbc.sql(
                        """
                select member_id, document_type, reason, reason_code, reason_values, status, document_id,
                       rejection_code, rejection_reason
                from checklist_item where case_id = :caseId order by position
                """)
                .param("caseId", row.caseId())
                .query((rs, n) -> {
                    String code = rs.getString("reason_code");
                    Map<String, String> facts =
                            ChecklistProjection.JSON.readValue(rs.getString("reason_values"), FACTS);
                    byMember.computeIfAbsent(rs.getObject("member_id", UUID.class), id -> new ArrayList<>())
                            .add(new ChecklistView.Item(
                                    rs.getString("document_type"),
                                    reason(wording, code, facts, rs.getString("reason")),
                                    code,
                                    facts,
                                    rs.getString("status"),
                                    rs.getObject("document_id", UUID.class),
                                    rs.getString("rejection_code"),
                                    rs.getString("rejection_reason")));
                    return null;
                })
                .list();
        return byMember.entrySet().stream()
                .map(entry -> ChecklistView.MemberItems.of(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** The reason in the reader's words; in English, the rules' own sentence as stored with the checklist. */
    private static String reason(ReasonWording wording, String code, Map<String, String> facts, String english) {
        if (wording.language() == Language.EN) {
            return english;
        }
        return wording.sentenceOrGeneric(code, facts);
    }
}

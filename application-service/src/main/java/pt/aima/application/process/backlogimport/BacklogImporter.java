package pt.aima.application.process.backlogimport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.application.backlog.ImportCommand.CompleteImport;
import pt.aima.application.backlog.ImportCommand.StartImport;
import pt.aima.application.backlog.ImportProblem;
import pt.aima.application.backlog.LegacyCaseFile;
import pt.aima.application.backlog.LegacyCaseFile.Contents;
import pt.aima.application.backlog.LegacyCaseFile.LegacyCase;
import pt.aima.application.backlog.LegacyCaseFile.LegacyMember;
import pt.aima.application.backlog.ProblemCode;
import pt.aima.application.casefile.CaseCommand.RegisterApplication;
import pt.aima.application.casefile.CaseEvent.Contact;
import pt.aima.application.casefile.CaseEvent.Member;
import pt.aima.application.casefile.CaseEvent.Provenance;
import pt.aima.application.casefile.CaseEvent.Sponsor;
import pt.aima.application.casefile.Eligibility;
import pt.aima.application.casefile.NotEligible;
import pt.aima.kernel.ids.CaseId;
import pt.aima.kernel.ids.MemberId;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;

/**
 * Runs backlog imports, one at a time, in the background: the file is read whole first (a file refused as a whole
 * registers nothing), then each valid case is registered, oldest original submission first, through the ordinary
 * registration path with its original submission date and its own command, in chunks of {@value #CHUNK} cases
 * committed together (a case is registered whole or not at all; a chunk that rolls back is retried case by case, so
 * one bad case costs only itself), and the import is completed with its counts and report. Every event names the
 * operator as actor and the import id as correlation.
 */
@Component
public class BacklogImporter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BacklogImporter.class);

    /** How far a running import has come, for {@code GET /imports/{id}} until its completion is projected. */
    public record Progress(int totalCases, int processedCases) {}

    /** Cases committed together in one transaction. */
    private static final int CHUNK = 100;

    private final ActingCommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "backlog-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, int[]> running = new ConcurrentHashMap<>();

    BacklogImporter(
            ActingCommandGateway commands, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The case id of a legacy case: the same legacy number always gives the same case. */
    public static CaseId caseIdOf(String legacyNumber) {
        return new CaseId(UUID.nameUUIDFromBytes(("sef-legacy:" + legacyNumber).getBytes(StandardCharsets.UTF_8)));
    }

    private static MemberId memberIdOf(String legacyNumber, int index) {
        return new MemberId(UUID.nameUUIDFromBytes(
                ("sef-legacy:" + legacyNumber + ":member:" + index).getBytes(StandardCharsets.UTF_8)));
    }

    /** Records the import as started and queues it; returns its id at once. */
    public String start(byte[] content, ActingContext caller) {
        String importId = UUID.randomUUID().toString();
        ActingContext context = new ActingContext(caller.actor(), importId, caller.causationId());
        commands.send(new StartImport(importId, sha256(content), content.length), context);
        running.put(importId, new int[] {-1, 0});
        worker.submit(() -> run(importId, content, context));
        return importId;
    }

    public Progress progress(String importId) {
        int[] p = running.get(importId);
        return p == null ? null : new Progress(p[0], p[1]);
    }

    public void forget(String importId) {
        running.remove(importId);
    }

    private void run(String importId, byte[] content, ActingContext context) {
        try {
            List<LegacyCase> cases = new ArrayList<>();
            Contents contents =
                    LegacyCaseFile.read(new java.io.ByteArrayInputStream(content), LocalDate.now(clock), cases::add);
            if (contents.fileProblem() != null) {
                cases.clear();
            }
            int[] progress = running.get(importId);
            progress[0] = cases.size();
            List<ImportProblem> problems = new ArrayList<>(contents.problems());
            int registered = 0;
            int already = 0;
            int rejected = contents.rejectedCases();
            // registered oldest first, so the order of registration agrees with the order of original submission
            List<LegacyCase> oldestFirst = cases.stream()
                    .sorted(Comparator.comparing(LegacyCase::submittedOn))
                    .toList();
            for (int from = 0; from < oldestFirst.size(); from += CHUNK) {
                List<LegacyCase> chunk = oldestFirst.subList(from, Math.min(from + CHUNK, oldestFirst.size()));
                Set<CaseId> existing = existing(chunk);
                List<LegacyCase> fresh = new ArrayList<>();
                for (LegacyCase legacy : chunk) {
                    if (existing.contains(caseIdOf(legacy.legacyNumber()))) {
                        already++;
                    } else {
                        try {
                            // the aggregate applies the same rule again; checked here so that one ineligible case
                            // does not roll back the chunk it would have been committed with
                            Eligibility.check(legacy.submittedOn(), members(legacy));
                            fresh.add(legacy);
                        } catch (NotEligible e) {
                            problems.add(notEligible(legacy, e));
                            rejected++;
                        }
                    }
                }
                if (registerTogether(importId, fresh, context)) {
                    registered += fresh.size();
                } else {
                    for (LegacyCase legacy : fresh) {
                        switch (registerAlone(importId, legacy, context, problems)) {
                            case REGISTERED -> registered++;
                            case ALREADY_REGISTERED -> already++;
                            case REJECTED -> rejected++;
                        }
                    }
                }
                progress[1] += chunk.size();
            }
            problems.sort(Comparator.comparingInt(ImportProblem::line));
            commands.send(
                    new CompleteImport(
                            importId,
                            contents.fileProblem() == null ? "COMPLETED" : "REJECTED",
                            contents.lines(),
                            contents.caseCount(),
                            registered,
                            already,
                            rejected,
                            problems),
                    context);
            log.info(
                    "import {}: {} cases, {} registered, {} already registered, {} rejected",
                    importId,
                    contents.caseCount(),
                    registered,
                    already,
                    rejected);
        } catch (RuntimeException e) {
            log.error("import {} stopped", importId, e);
        }
    }

    private enum Outcome {
        REGISTERED,
        ALREADY_REGISTERED,
        REJECTED
    }

    /**
     * Registers a chunk of cases in one transaction: their events commit together or not at all. Committing per
     * chunk rather than per case is what lets a national-scale file through in minutes (one commit, one flush of the
     * write-ahead log, for many cases). False when the chunk rolled back; it is then registered case by case.
     */
    private boolean registerTogether(String importId, List<LegacyCase> cases, ActingContext context) {
        if (cases.isEmpty()) {
            return true;
        }
        try {
            transaction.executeWithoutResult(status -> {
                for (LegacyCase legacy : cases) {
                    commands.send(registration(importId, caseIdOf(legacy.legacyNumber()), legacy), context);
                }
            });
            return true;
        } catch (RuntimeException e) {
            log.info(
                    "import {}: a chunk of {} cases rolled back ({}); registering them one by one",
                    importId,
                    cases.size(),
                    e.toString());
            return false;
        }
    }

    /** One case in its own transaction, its failure reported with the line it starts on. */
    private Outcome registerAlone(
            String importId, LegacyCase legacy, ActingContext context, List<ImportProblem> problems) {
        CaseId caseId = caseIdOf(legacy.legacyNumber());
        try {
            commands.send(registration(importId, caseId, legacy), context);
            return Outcome.REGISTERED;
        } catch (NotEligible e) {
            problems.add(notEligible(legacy, e));
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            if (!existing(List.of(legacy)).isEmpty()) {
                return Outcome.ALREADY_REGISTERED;
            }
            log.warn("import {}: case {} not registered", importId, legacy.legacyNumber(), e);
            problems.add(ImportProblem.of(
                    legacy.firstLine(),
                    legacy.legacyNumber(),
                    ProblemCode.NOT_REGISTERED,
                    "the case could not be registered (" + e.getMessage() + "); importing the file again retries it"));
            return Outcome.REJECTED;
        }
    }

    private static ImportProblem notEligible(LegacyCase legacy, NotEligible e) {
        int line = e.memberIndex() == null
                ? legacy.firstLine()
                : legacy.members().get(e.memberIndex()).line();
        return ImportProblem.of(
                line, legacy.legacyNumber(), ProblemCode.NOT_ELIGIBLE, e.code() + ": " + e.getMessage());
    }

    private RegisterApplication registration(String importId, CaseId caseId, LegacyCase legacy) {
        return new RegisterApplication(
                caseId,
                legacy.applicantId(),
                legacy.submittedOn(),
                new Sponsor(legacy.sponsorName(), legacy.sponsorPermit()),
                members(legacy),
                new Contact(legacy.email(), null, legacy.language()),
                null,
                new Provenance(
                        legacy.legacyNumber(),
                        importId,
                        legacy.partnerType(),
                        legacy.partnerName(),
                        legacy.deskRegion()));
    }

    private static List<Member> members(LegacyCase legacy) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < legacy.members().size(); i++) {
            LegacyMember m = legacy.members().get(i);
            members.add(new Member(
                    memberIdOf(legacy.legacyNumber(), i),
                    m.fullName(),
                    m.relationship(),
                    m.dateOfBirth(),
                    m.nationality(),
                    m.presentInPortugal(),
                    m.presentInPortugalSince(),
                    null,
                    null));
        }
        return members;
    }

    /** Which of these legacy cases are registered already (by this import or an earlier one). */
    private Set<CaseId> existing(List<LegacyCase> cases) {
        List<String> ids = cases.stream()
                .map(legacy -> caseIdOf(legacy.legacyNumber()).toString())
                .toList();
        return jdbc
                .sql(
                        "select distinct aggregate_identifier from domain_event_entry where aggregate_identifier in (:ids)")
                .param("ids", ids)
                .query(String.class)
                .list()
                .stream()
                .map(id -> new CaseId(UUID.fromString(id)))
                .collect(Collectors.toSet());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

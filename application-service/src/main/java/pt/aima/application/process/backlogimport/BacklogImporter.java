package pt.aima.application.process.backlogimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import pt.aima.application.backlog.ImportCommand.CompleteImport;
import pt.aima.application.backlog.ImportCommand.InterruptImport;
import pt.aima.application.backlog.ImportCommand.ResumeImport;
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
 * Runs backlog imports, one at a time, in the background. The upload is spooled to a temporary file (bounded by {@code
 * aima.imports.max-upload-size}) and read twice as a stream: first checked whole (a file refused as a whole registers
 * nothing), its valid cases kept on disk; then each valid case is registered, oldest original submission first,
 * through the ordinary registration path with its original submission date and its own command, in chunks of {@value
 * #CHUNK} cases committed together (a case is registered whole or not at all; a chunk that rolls back is retried case
 * by case, so one bad case costs only itself), and the import is completed with its counts and report. Every event
 * names the operator as actor and the import id as correlation.
 *
 * <p>An import that has started and not completed has a row in {@code backlog_import_run}, written in the same
 * transactions as its events and its cases: it counts the cases registered so far, so an import interrupted by a crash
 * is found when the service starts again ({@link BacklogImportRecovery}) and resumed with the same file, counts intact.
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
    private final long maxUploadBytes;
    private final Path spool;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "backlog-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, int[]> running = new ConcurrentHashMap<>();

    BacklogImporter(
            ActingCommandGateway commands,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${aima.imports.max-upload-size:200MB}") DataSize maxUploadSize,
            @Value("${aima.imports.spool-directory:${java.io.tmpdir}/aima-imports}") Path spool) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.maxUploadBytes = maxUploadSize.toBytes();
        this.spool = spool;
    }

    /** The case id of a legacy case: the same legacy number always gives the same case. */
    public static CaseId caseIdOf(String legacyNumber) {
        return new CaseId(UUID.nameUUIDFromBytes(("sef-legacy:" + legacyNumber).getBytes(StandardCharsets.UTF_8)));
    }

    private static MemberId memberIdOf(String legacyNumber, int index) {
        return new MemberId(UUID.nameUUIDFromBytes(
                ("sef-legacy:" + legacyNumber + ":member:" + index).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Spools the upload, records the import as started and queues it; returns its id once the file is received.
     *
     * @param declaredLength the request's Content-Length, or -1: a declared length over the limit is refused at once
     * @throws ImportTooLarge over {@code aima.imports.max-upload-size} (nothing is recorded)
     */
    public String start(InputStream upload, long declaredLength, ActingContext caller) {
        Spooled file = spool(upload, declaredLength);
        String importId = UUID.randomUUID().toString();
        ActingContext context = new ActingContext(caller.actor(), importId, caller.causationId());
        try {
            begin(importId, file.sha256(), file.size(), context);
        } catch (RuntimeException e) {
            file.delete();
            throw e;
        }
        queue(importId, file, context, 0);
        return importId;
    }

    /**
     * Resumes an interrupted import with its file (the same SHA-256, or the aggregate refuses): cases it registered
     * before it stopped are skipped and still counted as its own.
     *
     * @throws ImportTooLarge over {@code aima.imports.max-upload-size}
     */
    public void resume(String importId, InputStream upload, long declaredLength, ActingContext caller) {
        Spooled file = spool(upload, declaredLength);
        ActingContext context = new ActingContext(caller.actor(), importId, caller.causationId());
        int registeredBefore;
        try {
            commands.send(new ResumeImport(importId, file.sha256()), context);
            registeredBefore = jdbc.sql("select registered from backlog_import_run where import_id = :id")
                    .param("id", importId)
                    .query(Integer.class)
                    .optional()
                    .orElse(0);
        } catch (RuntimeException e) {
            file.delete();
            throw e;
        }
        queue(importId, file, context, registeredBefore);
    }

    /** Records the import as started, with its run row, in one transaction. */
    void begin(String importId, String sha256, long size, ActingContext context) {
        transaction.executeWithoutResult(status -> {
            commands.send(new StartImport(importId, sha256, size), context);
            jdbc.sql("insert into backlog_import_run (import_id, registered) values (:id, 0)")
                    .param("id", importId)
                    .update();
        });
    }

    private void queue(String importId, Spooled file, ActingContext context, int registeredBefore) {
        running.put(importId, new int[] {-1, 0});
        worker.submit(() -> {
            try {
                run(importId, file.path(), context, registeredBefore);
            } finally {
                file.delete();
            }
        });
    }

    /**
     * Deletes the files a stopped service left in the spool directory (uploads hold personal data: none is kept beyond
     * its run). Called at start-up, before any import runs.
     */
    void deleteLeftoverFiles() {
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (var files = Files.list(spool)) {
            files.filter(file -> file.getFileName().toString().startsWith("import-"))
                    .forEach(file -> new Spooled(file, null, 0).delete());
        } catch (IOException e) {
            log.warn("could not clear the spool directory {}", spool, e);
        }
    }

    public Progress progress(String importId) {
        int[] p = running.get(importId);
        return p == null ? null : new Progress(p[0], p[1]);
    }

    public void forget(String importId) {
        running.remove(importId);
    }

    /** The upload on disk, with what identifies it. */
    private record Spooled(Path path, String sha256, long size) {
        void delete() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("could not delete {}", path, e);
            }
        }
    }

    private Spooled spool(InputStream upload, long declaredLength) {
        if (declaredLength > maxUploadBytes) {
            throw new ImportTooLarge(maxUploadBytes, "The file is " + declaredLength + " bytes");
        }
        Path path = null;
        try {
            Files.createDirectories(spool);
            path = Files.createTempFile(spool, "import-", ".csv");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(path)) {
                for (int n; (n = upload.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxUploadBytes) {
                        throw new ImportTooLarge(
                                maxUploadBytes, "The file is larger than " + maxUploadBytes + " bytes");
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(path, HexFormat.of().formatHex(sha256.digest()), size);
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            if (path != null) {
                new Spooled(path, null, 0).delete();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the upload could not be received: " + e.getMessage(), e);
        }
    }

    private void run(String importId, Path file, ActingContext context, int registeredBefore) {
        try (ValidCases valid = new ValidCases(spool)) {
            Contents contents;
            try (InputStream in = Files.newInputStream(file)) {
                contents = LegacyCaseFile.read(in, LocalDate.now(clock), valid::add);
            }
            if (contents.fileProblem() != null) {
                valid.clear();
            }
            valid.sortOldestFirst();
            int[] progress = running.get(importId);
            progress[0] = valid.size();
            List<ImportProblem> problems = new ArrayList<>(contents.problems());
            int registered = 0;
            int already = 0;
            int rejected = contents.rejectedCases();
            // registered oldest first, so the order of registration agrees with the order of original submission
            for (int from = 0; from < valid.size(); from += CHUNK) {
                if (Thread.currentThread().isInterrupted()) {
                    log.warn(
                            "import {} stopped by the service's shutdown; it is resumable once it starts again",
                            importId);
                    return;
                }
                List<LegacyCase> chunk = valid.oldestFirst(from, Math.min(from + CHUNK, valid.size()));
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
            // the cases this import registered before it was interrupted are found registered now: still its own
            int registeredInAll = registeredBefore + registered;
            int alreadyBefore = Math.max(0, already - registeredBefore);
            CompleteImport completion = new CompleteImport(
                    importId,
                    contents.fileProblem() == null ? "COMPLETED" : "REJECTED",
                    contents.lines(),
                    contents.caseCount(),
                    registeredInAll,
                    alreadyBefore,
                    rejected,
                    problems);
            transaction.executeWithoutResult(status -> {
                commands.send(completion, context);
                jdbc.sql("delete from backlog_import_run where import_id = :id")
                        .param("id", importId)
                        .update();
            });
            log.info(
                    "import {}: {} cases, {} registered, {} already registered, {} rejected",
                    importId,
                    contents.caseCount(),
                    registeredInAll,
                    alreadyBefore,
                    rejected);
        } catch (IOException | RuntimeException e) {
            log.error("import {} stopped", importId, e);
            interrupt(importId, context);
        }
    }

    /**
     * Marks an import that failed on the way interrupted at once, with the cases it registered; if that fails too
     * (the database is away), the start-up recovery does it.
     */
    private void interrupt(String importId, ActingContext context) {
        try {
            int registered = jdbc.sql("select registered from backlog_import_run where import_id = :id")
                    .param("id", importId)
                    .query(Integer.class)
                    .optional()
                    .orElse(0);
            commands.send(new InterruptImport(importId, registered), context);
            log.warn(
                    "import {} interrupted after {} cases registered: resume it with the same file",
                    importId,
                    registered);
        } catch (RuntimeException e) {
            log.error(
                    "import {} could not be marked interrupted; it will be when the service starts again", importId, e);
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
    boolean registerTogether(String importId, List<LegacyCase> cases, ActingContext context) {
        if (cases.isEmpty()) {
            return true;
        }
        try {
            transaction.executeWithoutResult(status -> {
                for (LegacyCase legacy : cases) {
                    commands.send(registration(importId, caseIdOf(legacy.legacyNumber()), legacy), context);
                }
                counted(importId, cases.size());
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
            transaction.executeWithoutResult(status -> {
                commands.send(registration(importId, caseId, legacy), context);
                counted(importId, 1);
            });
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

    /** Counts cases registered, in the transaction that registers them: exact however the import ends. */
    private void counted(String importId, int cases) {
        jdbc.sql("update backlog_import_run set registered = registered + :n where import_id = :id")
                .param("n", cases)
                .param("id", importId)
                .update();
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
                        legacy.deskRegion().name()),
                legacy.deskRegion());
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
                    null,
                    m.stayEndsOn()));
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

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}

package pt.aima.backlog;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line face of the backlog import.
 *
 * <pre>
 * java -jar backlog-import.jar generate &lt;cases&gt; &lt;file&gt; [seed] [badPerMille]
 * java -jar backlog-import.jar import &lt;file&gt; [--api http://127.0.0.1:8081] [--issuer http://127.0.0.1:8090]
 *                                              [--operator operator-1] [--token JWT]
 * </pre>
 *
 * {@code import} takes an OPERATIONS token from the issuer (or {@code --token}), streams the file to {@code POST
 * /imports}, follows {@code GET /imports/{id}} with a progress bar (cases/s, time left), saves the final report next
 * to the file ({@code <file>.report.json}) and prints where it is. Exit status 0 when the import completed, 1 when the
 * file was refused as a whole, 2 on a usage or connection error.
 *
 * <p>An error a person can act on is one line on standard error, never a stack trace: which service could not be
 * reached or went away, and what to do. Running the same import again is always safe, because the service derives
 * each case's id from its legacy number and registers nothing twice.
 */
public final class BacklogImportCli {

    private static final PrintStream out = System.out;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String AGAIN_IS_SAFE =
            "importing the same file again is safe: cases already registered are skipped";

    /** True while a progress bar is the last thing on the terminal's line (an error then starts a new line). */
    private static volatile boolean barOnLine;

    private BacklogImportCli() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("generate")) {
            LegacyCaseGenerator.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int status;
        try {
            status = importFile(args);
        } catch (ImportFailure failure) {
            if (barOnLine) {
                out.println();
            }
            System.err.println("backlog-import: " + failure.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private static int importFile(String[] args) throws ImportFailure, InterruptedException {
        if (args.length < 2 || !args[0].equals("import")) {
            throw new ImportFailure("usage: generate <cases> <file> [seed] [badPerMille]\n"
                    + "       import <file> [--api URL] [--issuer URL] [--operator NAME] [--token JWT]");
        }
        Path file = Path.of(args[1]);
        if (!Files.isReadable(file)) {
            throw new ImportFailure("cannot read " + file + ": give the path of a legacy case file");
        }
        String api = url(option(args, "--api", "http://127.0.0.1:8081"), "--api");
        String issuer = url(option(args, "--issuer", "http://127.0.0.1:8090"), "--issuer");
        String operator = option(args, "--operator", "operator-1");
        String token = option(args, "--token", null);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        if (token == null) {
            token = token(http, issuer, operator);
        }
        return new BacklogImportCli.Run(http, api, token).upload(file);
    }

    private static String token(HttpClient http, String issuer, String operator)
            throws ImportFailure, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/token?sub="
                                    + URLEncoder.encode(operator, StandardCharsets.UTF_8) + "&role=OPERATIONS"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ImportFailure("cannot reach the token issuer at " + issuer + " (" + reason(e)
                    + "); nothing was imported: start it (./run-local-stack.sh starts one), or pass --issuer URL"
                    + " or --token JWT, and run the same command again");
        }
        if (response.statusCode() != 200) {
            throw new ImportFailure("the token issuer at " + issuer + " answered HTTP " + response.statusCode()
                    + "; nothing was imported: pass --issuer URL of a running issuer or --token JWT");
        }
        return response.body().strip();
    }

    private record Run(HttpClient http, String api, String token) {

        int upload(Path file) throws ImportFailure, InterruptedException {
            long size = size(file);
            AtomicLong sent = new AtomicLong();
            long started = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/imports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, sent, size, started)), size))
                    .build();
            HttpResponse<String> accepted;
            try {
                accepted = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                throw new ImportFailure("cannot reach application-service at " + api + " (" + reason(e)
                        + "); nothing was imported: start it (or pass --api URL) and run the same command again");
            } catch (IOException e) {
                throw new ImportFailure(String.format(
                        "lost the connection to application-service at %s while uploading %s (%.1f of %.1f MB sent;"
                                + " %s); the import may or may not have started: when the service is back, run the"
                                + " same command again (%s)",
                        api, file, sent.get() / 1048576.0, size / 1048576.0, reason(e), AGAIN_IS_SAFE));
            }
            bar("upload", sent.get(), size, started, "MB", 1 << 20);
            endBar();
            if (accepted.statusCode() != 202) {
                throw new ImportFailure("the import was not accepted: HTTP " + accepted.statusCode() + " "
                        + accepted.body().replaceAll("\\s+", " ").strip());
            }
            String importId = field(accepted.body(), "importId");
            String location = api + "/imports/" + importId;
            out.println("import " + importId + " accepted; registering cases");
            long registering = System.nanoTime();
            String report;
            String done = "0";
            String total = "?";
            while (true) {
                HttpResponse<String> progress;
                try {
                    progress = http.send(
                            HttpRequest.newBuilder(URI.create(location))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw new ImportFailure("lost the connection to application-service at " + api
                            + " while import " + importId + " was running (" + done + " of " + total
                            + " cases done; " + reason(e) + "): when the service is back, run the same command again ("
                            + AGAIN_IS_SAFE + ")");
                }
                if (progress.statusCode() != 200) {
                    throw new ImportFailure("application-service answered HTTP " + progress.statusCode()
                            + " while import " + importId + " was running (" + done + " of " + total
                            + " cases done): see " + location + " later, or run the same command again ("
                            + AGAIN_IS_SAFE + ")");
                }
                report = progress.body();
                String status = field(report, "status");
                if (status != null && !status.equals("RUNNING")) {
                    break;
                }
                String totalSoFar = field(report, "totalCases");
                String doneSoFar = field(report, "processedCases");
                if (totalSoFar != null && doneSoFar != null) {
                    total = totalSoFar;
                    done = doneSoFar;
                    bar("cases", Long.parseLong(done), Long.parseLong(total), registering, "cases", 1);
                }
                Thread.sleep(500);
            }
            String cases = field(report, "cases");
            bar(
                    "cases",
                    cases == null ? 0 : Long.parseLong(cases),
                    cases == null ? 0 : Long.parseLong(cases),
                    registering,
                    "cases",
                    1);
            endBar();
            Path saved = file.resolveSibling(file.getFileName() + ".report.json");
            try {
                Files.writeString(saved, report);
            } catch (IOException e) {
                throw new ImportFailure("import " + importId + " finished but its report could not be saved to " + saved
                        + " (" + reason(e) + "): it stays at " + location);
            }
            out.printf(
                    "%s: %s cases, %s registered, %s already registered, %s rejected, %d bad lines%n",
                    field(report, "status"),
                    cases,
                    field(report, "registered"),
                    field(report, "alreadyRegistered"),
                    field(report, "rejectedCases"),
                    count(report, "\"line\":"));
            out.println("report: " + location + " (saved to " + saved + ")");
            return "COMPLETED".equals(field(report, "status")) ? 0 : 1;
        }

        private static long size(Path file) throws ImportFailure {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new ImportFailure("cannot read " + file + " (" + reason(e) + ")");
            }
        }
    }

    /** A failure told to the person in one line (the message), without a stack trace. */
    private static final class ImportFailure extends Exception {
        ImportFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** What went wrong with a connection, in a few words. */
    private static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof EOFException
                || message.contains("received no bytes")
                || message.toLowerCase(Locale.ROOT).contains("closed")) {
            return "the service closed the connection";
        }
        if (message.toLowerCase(Locale.ROOT).contains("reset") || message.contains("Broken pipe")) {
            return "the connection was reset";
        }
        return message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String url(String value, String option) throws ImportFailure {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (IllegalArgumentException e) {
            // told below
        }
        throw new ImportFailure(option + " " + value + " is not a URL like http://127.0.0.1:8081");
    }

    private static void endBar() {
        out.println();
        barOnLine = false;
    }

    private static InputStream counting(Path file, AtomicLong sent, long size, long started) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long lastDrawn;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        long now = sent.addAndGet(n);
                        if (now - lastDrawn > (1 << 20)) {
                            lastDrawn = now;
                            bar("upload", now, size, started, "MB", 1 << 20);
                        }
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code cases [#########.........]  45% 12345/27000 1234.5 cases/s, 00:12 left} */
    static void bar(String label, long done, long total, long startedNanos, String unit, double scale) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        double rate = done / scale / seconds;
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        long left = rate <= 0 ? 0 : Math.round((total - done) / scale / rate);
        out.printf(
                "\r%-6s [%s%s] %3d%% %d/%d %.1f %s/s, %02d:%02d left   ",
                label,
                "#".repeat(filled),
                ".".repeat(width - filled),
                Math.round(fraction * 100),
                Math.round(done / scale),
                Math.round(total / scale),
                rate,
                unit,
                left / 60,
                left % 60);
        out.flush();
        barOnLine = true;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
        if (!m.find() || m.group(1).equals("null")) {
            return null;
        }
        return m.group(1);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

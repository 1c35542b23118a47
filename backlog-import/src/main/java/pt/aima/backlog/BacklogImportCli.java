package pt.aima.backlog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
 */
public final class BacklogImportCli {

    private static final PrintStream out = System.out;

    private BacklogImportCli() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("generate")) {
            LegacyCaseGenerator.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length < 2 || !args[0].equals("import")) {
            System.err.println("usage: generate <cases> <file> [seed] [badPerMille]\n"
                    + "       import <file> [--api URL] [--issuer URL] [--operator NAME] [--token JWT]");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        String api = option(args, "--api", "http://127.0.0.1:8081");
        String issuer = option(args, "--issuer", "http://127.0.0.1:8090");
        String operator = option(args, "--operator", "operator-1");
        String token = option(args, "--token", null);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (token == null) {
            token = http.send(
                            HttpRequest.newBuilder(URI.create(issuer + "/token?sub="
                                            + URLEncoder.encode(operator, StandardCharsets.UTF_8) + "&role=OPERATIONS"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .strip();
        }
        System.exit(new BacklogImportCli.Run(http, api, token).upload(file));
    }

    private record Run(HttpClient http, String api, String token) {

        int upload(Path file) throws IOException, InterruptedException {
            long size = Files.size(file);
            AtomicLong sent = new AtomicLong();
            long started = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/imports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, sent, size, started)), size))
                    .build();
            HttpResponse<String> accepted = http.send(request, HttpResponse.BodyHandlers.ofString());
            bar("upload", sent.get(), size, started, "MB", 1 << 20);
            out.println();
            if (accepted.statusCode() != 202) {
                System.err.println(
                        "the import was not accepted: HTTP " + accepted.statusCode() + " " + accepted.body());
                return 2;
            }
            String importId = field(accepted.body(), "importId");
            String location = api + "/imports/" + importId;
            out.println("import " + importId + " accepted; registering cases");
            long registering = System.nanoTime();
            String report;
            while (true) {
                report = http.send(
                                HttpRequest.newBuilder(URI.create(location))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                String status = field(report, "status");
                if (status != null && !status.equals("RUNNING")) {
                    break;
                }
                String total = field(report, "totalCases");
                String done = field(report, "processedCases");
                if (total != null && done != null) {
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
            out.println();
            Path saved = file.resolveSibling(file.getFileName() + ".report.json");
            Files.writeString(saved, report);
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

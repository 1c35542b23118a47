// A bounded load on operations-service's reads, run by bench/operations-load.sh as a single-file Java program (JDK only):
//   java bench/OperationsLoad.java [--base URL] [--issuer URL] [--clients N] [--requests N] [--seconds S]
//        [--warmup-seconds S] [--warmup N] [--target-ms MS] [--legacy-number NUMBER] [--applicant-id ID] [--client plain|jdk]
//        [--gzip true|false]
// First it sends requests for --warmup-seconds (2 by default; --warmup N stops after N too; not counted) to each
// endpoint in turn (the backlog, every work queue, the list of queues, case searches with several filter
// combinations), so what is measured is a service whose request paths the JIT has compiled, as in one that has
// answered people for a while, not its first minute (500 warm-up requests, a tenth of a second at these rates, left
// the first run after a restart several endpoints over the target while the compiler was still at work). Then,
// endpoint by endpoint, --clients concurrent clients (a fixed pool of platform threads) send requests for --seconds
// (5 by default; --requests N stops an endpoint after N requests too). It prints
// count, errors (a status other than 200, or no answer), p50, p99 and max latency (nearest rank), requests/s, the mean
// length of a response body, and PASS when p99 <= --target-ms and nothing failed, MISS otherwise. Exit status 1 when a
// request failed.
// The clients ask for gzip as browsers do (--gzip false: not), and inflate what comes compressed; the bytes column is
// the body's length as JSON either way.
// Why seconds rather than a count: at 1,000-3,000 requests/s, 1,000 requests are half a second, and 20 requests in
// flight are 2% of them, so one pause of anything on the machine (a collection, another process's burst) while the
// 20 wait sets the p99 of that endpoint by itself. Over 5 s the p99 is the latency 99% of requests met under the
// load, which is what the target means; earlier runs (until 4 December) measured 1,000 requests and say so.
// The client runs on the same two cores as the service it measures, so what it costs is taken from the service: each
// client thread keeps one HTTP/1.1 connection (keep-alive, opened again when the server closes it) and reads every
// response whole, status line, headers and body, with nothing but a socket ("--client plain", the default). The JDK's
// java.net.http.HttpClient ("--client jdk", one shared by the threads) cost about as much CPU per request as
// operations-service itself (15 s against the service's 17 s for the same 18,000 requests, 4 December), which the
// service then waited for; the plain client 5 s.
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

public class OperationsLoad {

    static final List<String> QUEUES = List.of(
            "documents-awaiting-verification",
            "evidence-overdue",
            "aima-response-overdue",
            "ready-for-decision",
            "missed-appointments",
            "court-orders",
            "failed-deliveries",
            "stay-expiring");

    record Result(String name, int count, int errors, long[] nanos, double seconds, String firstError, long bytes) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "base", "http://127.0.0.1:8085",
                "issuer", "http://127.0.0.1:8090",
                "clients", "20",
                "requests", "0",
                "seconds", "5",
                "warmup", "0",
                "warmup-seconds", "2",
                "target-ms", "50"));
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: OperationsLoad [--name value]..., names: " + options.keySet()
                        + " legacy-number applicant-id client gzip");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String base = options.get("base");
        int clients = Integer.parseInt(options.get("clients"));
        int requests = Integer.parseInt(options.get("requests"));
        double seconds = Double.parseDouble(options.get("seconds"));
        int warmup = Integer.parseInt(options.get("warmup"));
        double warmupSeconds = Double.parseDouble(options.get("warmup-seconds"));
        double targetMs = Double.parseDouble(options.get("target-ms"));

        String client = options.getOrDefault("client", "plain");
        boolean gzip = Boolean.parseBoolean(options.getOrDefault("gzip", "true"));
        if (!client.equals("plain") && !client.equals("jdk")) {
            System.err.println("--client must be plain or jdk");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> issued = http.send(
                HttpRequest.newBuilder(URI.create(options.get("issuer") + "/token?sub=operations-load&role=OPERATIONS"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 200) {
            System.err.println("no token from " + options.get("issuer") + ": HTTP " + issued.statusCode());
            System.exit(2);
        }
        String token = issued.body().strip();

        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("backlog", "/operations/backlog");
        endpoints.put("backlog rows=false", "/operations/backlog?rows=false");
        endpoints.put("queues (lengths)", "/operations/queues");
        for (String queue : QUEUES) {
            endpoints.put("queue " + queue, "/operations/queues/" + queue);
        }
        endpoints.put("search region", "/operations/cases?region=LISBOA");
        endpoints.put("search stage", "/operations/cases?stage=BIOMETRICS_SCHEDULED");
        endpoints.put("search stage+region", "/operations/cases?stage=BIOMETRICS_SCHEDULED&region=PORTO&size=50");
        endpoints.put("search region page 20", "/operations/cases?region=FARO&page=20&size=20");
        endpoints.put("search all size 200", "/operations/cases?size=200");
        if (options.containsKey("legacy-number")) {
            endpoints.put("search legacyNumber", "/operations/cases?legacyNumber=" + encode(options.get("legacy-number")));
        }
        if (options.containsKey("applicant-id")) {
            endpoints.put("search applicantId+stage", "/operations/cases?applicantId="
                    + encode(options.get("applicant-id")) + "&stage=BIOMETRICS_SCHEDULED");
        }

        System.out.printf("operations-service read load: %s, %d concurrent clients (%s), %s per endpoint after %.0f"
                        + " s of warm-up each%s; target p99 <= %.0f ms%n",
                base, clients, client.equals("plain") ? "one keep-alive connection each" : "java.net.http.HttpClient",
                requests > 0
                        ? String.format("%d requests (at most %.0f s)", requests, seconds)
                        : String.format("%.0f s of requests", seconds),
                warmupSeconds,
                warmup > 0 ? " (at most " + warmup + " requests)" : "",
                targetMs);
        System.out.printf("%-36s %7s %6s %9s %9s %9s %9s %9s  %s%n",
                "endpoint", "count", "errors", "p50 ms", "p99 ms", "max ms", "req/s", "bytes", "p99 target");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Result> results = new ArrayList<>();
        try {
            Map<String, Get> gets = new LinkedHashMap<>();
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                URI uri = URI.create(base + endpoint.getValue());
                gets.put(endpoint.getKey(), client.equals("plain")
                        ? new PlainGet(uri, token, gzip)
                        : new JdkGet(http, gzip, HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Accept-Encoding", gzip ? "gzip" : "identity")
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build()));
            }
            // every endpoint warmed up before any is measured: they share most of their code (security, paging,
            // JSON), which the JIT compiles once it has run often enough
            for (Map.Entry<String, Get> get : gets.entrySet()) {
                run(get.getValue(), pool, clients, warmup, warmupSeconds, get.getKey());
            }
            for (Map.Entry<String, Get> get : gets.entrySet()) {
                Result result = run(get.getValue(), pool, clients, requests, seconds, get.getKey());
                results.add(result);
                print(result, targetMs);
            }
        } finally {
            pool.shutdownNow();
            PlainGet.closeAll();
        }
        long misses = results.stream().filter(r -> !pass(r, targetMs)).count();
        int errors = results.stream().mapToInt(Result::errors).sum();
        System.out.printf("%s: %d of %d endpoints within p99 <= %.0f ms, %d failed requests%n",
                misses == 0 ? "ALL PASS" : misses + " MISS", results.size() - misses, results.size(), targetMs, errors);
        results.stream().filter(r -> r.firstError() != null)
                .forEach(r -> System.out.println("   first error of " + r.name() + ": " + r.firstError()));
        System.exit(errors == 0 ? 0 : 1);
    }

    /** One GET of an endpoint. */
    interface Get {
        Answer send() throws Exception;
    }

    /**
     * What a GET got: {@code error} null when it answered 200, else what went wrong; {@code bytes} the body's length.
     */
    record Answer(String error, long bytes) {}

    /** Through the JDK's HttpClient (a compressed body inflated, as a client that asked for it does). */
    record JdkGet(HttpClient http, boolean gzip, HttpRequest request) implements Get {
        public Answer send() throws Exception {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.headers()
                            .firstValue("Content-Encoding")
                            .filter("gzip"::equalsIgnoreCase)
                            .isPresent()
                    ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                    : response.body();
            return new Answer(
                    response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " "
                            + new String(body, 0, Math.min(200, body.length), StandardCharsets.UTF_8),
                    body.length);
        }
    }

    /**
     * HTTP/1.1 over a socket of the calling thread's own (kept open between requests, opened again after the server
     * closed it): the request line and two headers out, the response read whole (Content-Length or chunked).
     */
    static final class PlainGet implements Get {

        private static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();
        private static final List<Connection> ALL = new ArrayList<>();
        private final URI uri;
        private final byte[] request;

        PlainGet(URI uri, String token, boolean gzip) {
            this.uri = uri;
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json"
                            + (gzip ? "\r\nAccept-Encoding: gzip" : "") + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        public Answer send() throws Exception {
            Connection kept = CONNECTION.get();
            if (kept != null && !kept.closed) {
                try {
                    return kept.get(request);
                } catch (IOException e) {
                    // a kept connection the server closed while it was idle: once more on a new one, as HTTP
                    // clients do for a GET
                    kept.close();
                }
            }
            Connection connection = new Connection(uri);
            CONNECTION.set(connection);
            synchronized (ALL) {
                ALL.removeIf(old -> old.closed);
                ALL.add(connection);
            }
            try {
                return connection.get(request);
            } catch (IOException e) {
                connection.close();
                throw e;
            }
        }

        static void closeAll() {
            synchronized (ALL) {
                ALL.forEach(Connection::close);
            }
        }

        static final class Connection {
            final Socket socket = new Socket();
            final OutputStream out;
            final InputStream in;
            final byte[] buffer = new byte[64 * 1024];
            ByteArrayOutputStream compressed; // the body of the response being read, when it is gzip
            boolean closed;

            Connection(URI uri) throws IOException {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            }

            Answer get(byte[] request) throws IOException {
                out.write(request);
                out.flush();
                String status = line();
                int code = Integer.parseInt(status.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean close = false;
                boolean gzipped = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim();
                    String value = header.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                        chunked = true;
                    } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                        close = true;
                    } else if (name.equalsIgnoreCase("content-encoding") && value.equalsIgnoreCase("gzip")) {
                        gzipped = true;
                    }
                }
                compressed = gzipped ? new ByteArrayOutputStream() : null;
                StringBuilder start = code == 200 ? null : new StringBuilder(); // an error's first 200 characters
                long bytes = 0;
                if (chunked) {
                    for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                        bytes += body(size, start);
                        line();
                    }
                    while (!line().isEmpty()) {} // trailers
                } else if (length >= 0) {
                    bytes = body(length, start);
                } else {
                    close = true; // a body up to the end of the connection
                    bytes = body(Long.MAX_VALUE, start);
                }
                if (close) {
                    close();
                }
                if (compressed != null) { // inflated, as the client that asked for it does
                    bytes = 0;
                    try (InputStream inflated =
                            new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
                        for (int n = inflated.read(buffer); n >= 0; n = inflated.read(buffer)) {
                            bytes += n;
                        }
                    }
                    compressed = null;
                }
                return new Answer(start == null ? null : status.substring(9) + " " + start, bytes);
            }

            /** Reads {@code length} bytes of body (to the end of the stream for MAX_VALUE); returns how many. */
            private long body(long length, StringBuilder start) throws IOException {
                long read = 0;
                while (read < length) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
                    if (n < 0) {
                        if (length == Long.MAX_VALUE) {
                            return read;
                        }
                        throw new IOException("connection closed in a response body");
                    }
                    if (compressed != null) {
                        compressed.write(buffer, 0, n);
                    }
                    if (start != null && start.length() < 200) {
                        start.append(new String(buffer, 0, Math.min(n, 200 - start.length()), StandardCharsets.UTF_8));
                    }
                    read += n;
                }
                return read;
            }

            private String line() throws IOException {
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != '\n'; c = in.read()) {
                    if (c < 0) {
                        throw new IOException("connection closed by the server");
                    }
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
                return line.toString();
            }

            void close() {
                closed = true;
                try {
                    socket.close();
                } catch (IOException ignored) {
                }
            }
        }
    }

    static Result run(Get get, ExecutorService pool, int clients, int requests, double seconds, String name)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long stopAt = start + (long) (seconds * 1e9);
        List<Future<long[]>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                long[] mine = new long[1024];
                int n = 0;
                while ((requests <= 0 || next.getAndIncrement() < requests) && System.nanoTime() < stopAt) {
                    long t0 = System.nanoTime();
                    String error = null;
                    try {
                        Answer answer = get.send();
                        error = answer.error();
                        bytes.addAndGet(answer.bytes());
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t0;
                    if (error != null && errors.getAndIncrement() == 0) {
                        synchronized (firstError) {
                            firstError[0] = error;
                        }
                    }
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        long[] taken = new long[0];
        for (Future<long[]> worker : workers) {
            long[] mine = worker.get();
            int at = taken.length;
            taken = Arrays.copyOf(taken, at + mine.length);
            System.arraycopy(mine, 0, taken, at, mine.length);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(taken);
        synchronized (firstError) {
            return new Result(name, taken.length, errors.get(), taken, elapsed, firstError[0], bytes.get());
        }
    }

    static boolean pass(Result r, double targetMs) {
        return r.errors() == 0 && r.count() > 0 && ms(rank(r.nanos(), 0.99)) <= targetMs;
    }

    static void print(Result r, double targetMs) {
        System.out.printf("%-36s %7d %6d %9.1f %9.1f %9.1f %9.1f %9d  %s%n",
                r.name(), r.count(), r.errors(), ms(rank(r.nanos(), 0.50)), ms(rank(r.nanos(), 0.99)),
                ms(r.nanos().length == 0 ? 0 : r.nanos()[r.nanos().length - 1]), r.count() / r.seconds(),
                r.count() == 0 ? 0 : r.bytes() / r.count(), pass(r, targetMs) ? "PASS" : "MISS");
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static long rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

// A bounded load on operations-service's reads, run by bench/operations-load.sh as a single-file Java program (JDK only):
//   java bench/OperationsLoad.java [--base URL] [--issuer URL] [--clients N] [--requests N] [--seconds S]
//        [--warmup N] [--target-ms MS] [--legacy-number NUMBER] [--applicant-id ID]
// For each endpoint in turn (the backlog, every work queue, the list of queues, case searches with several filter
// combinations) it sends --warmup requests (not counted), then --requests requests from --clients concurrent clients
// (a fixed pool of platform threads sharing one java.net.http.HttpClient), each endpoint stopped early after --seconds
// (10 by default; the warm-up after at most 5 s),
// and prints count, errors (a status other than 200, or no answer), p50, p99 and max latency (nearest rank), requests/s
// and PASS when p99 <= --target-ms and nothing failed, MISS otherwise. Exit status 1 when a request failed.
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

    record Result(String name, int count, int errors, long[] nanos, double seconds, String firstError) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "base", "http://127.0.0.1:8085",
                "issuer", "http://127.0.0.1:8090",
                "clients", "20",
                "requests", "1000",
                "seconds", "10",
                "warmup", "50",
                "target-ms", "50"));
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: OperationsLoad [--name value]..., names: " + options.keySet()
                        + " legacy-number applicant-id");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String base = options.get("base");
        int clients = Integer.parseInt(options.get("clients"));
        int requests = Integer.parseInt(options.get("requests"));
        double seconds = Double.parseDouble(options.get("seconds"));
        int warmup = Integer.parseInt(options.get("warmup"));
        double targetMs = Double.parseDouble(options.get("target-ms"));

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

        System.out.printf("operations-service read load: %s, %d concurrent clients, %d requests per endpoint (at most"
                        + " %.0f s each) after %d warm-up requests; target p99 <= %.0f ms%n",
                base, clients, requests, seconds, warmup, targetMs);
        System.out.printf("%-36s %7s %6s %9s %9s %9s %9s  %s%n",
                "endpoint", "count", "errors", "p50 ms", "p99 ms", "max ms", "req/s", "p99 target");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Result> results = new ArrayList<>();
        try {
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + endpoint.getValue()))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
                run(http, pool, clients, request, warmup, Math.min(seconds, 5), endpoint.getKey());
                Result result = run(http, pool, clients, request, requests, seconds, endpoint.getKey());
                results.add(result);
                print(result, targetMs);
            }
        } finally {
            pool.shutdownNow();
        }
        long misses = results.stream().filter(r -> !pass(r, targetMs)).count();
        int errors = results.stream().mapToInt(Result::errors).sum();
        System.out.printf("%s: %d of %d endpoints within p99 <= %.0f ms, %d failed requests%n",
                misses == 0 ? "ALL PASS" : misses + " MISS", results.size() - misses, results.size(), targetMs, errors);
        results.stream().filter(r -> r.firstError() != null)
                .forEach(r -> System.out.println("   first error of " + r.name() + ": " + r.firstError()));
        System.exit(errors == 0 ? 0 : 1);
    }

    static Result run(HttpClient http, ExecutorService pool, int clients, HttpRequest request, int requests,
            double seconds, String name) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long stopAt = start + (long) (seconds * 1e9);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests && System.nanoTime() < stopAt) {
                    long t0 = System.nanoTime();
                    String error = null;
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            error = "HTTP " + response.statusCode() + " "
                                    + new String(response.body(), StandardCharsets.UTF_8)
                                            .substring(0, Math.min(200, response.body().length));
                        }
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    nanos[i] = System.nanoTime() - t0;
                    done.incrementAndGet();
                    if (error != null && errors.getAndIncrement() == 0) {
                        synchronized (firstError) {
                            firstError[0] = error;
                        }
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int count = done.get();
        // the requests taken are 0..taken-1 (a worker that took an index past the time limit did not send it)
        long[] taken = Arrays.stream(nanos, 0, Math.min(requests, next.get())).filter(n -> n > 0).toArray();
        Arrays.sort(taken);
        synchronized (firstError) {
            return new Result(name, count, errors.get(), taken, elapsed, firstError[0]);
        }
    }

    static boolean pass(Result r, double targetMs) {
        return r.errors() == 0 && r.count() > 0 && ms(rank(r.nanos(), 0.99)) <= targetMs;
    }

    static void print(Result r, double targetMs) {
        System.out.printf("%-36s %7d %6d %9.1f %9.1f %9.1f %9.1f  %s%n",
                r.name(), r.count(), r.errors(), ms(rank(r.nanos(), 0.50)), ms(rank(r.nanos(), 0.99)),
                ms(r.nanos().length == 0 ? 0 : r.nanos()[r.nanos().length - 1]), r.count() / r.seconds(),
                pass(r, targetMs) ? "PASS" : "MISS");
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

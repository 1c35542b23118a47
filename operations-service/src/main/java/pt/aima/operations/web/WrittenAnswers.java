package pt.aima.operations.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers written once per read they show. A query that keeps what it read hands back the same instance while it
 * holds (the cases of a search until one changes); the answer made of that instance is then the same bytes, and
 * writing a page of 200 cases as JSON costs far more than the kept read. A new instance writes the answer again.
 *
 * <p>A client that accepts gzip (every browser, so the dashboard) gets the answer compressed, also compressed once per
 * read: a 200-case page is about 125 KB of JSON and 10 KB compressed, which staff on a remote desk's line feel, and
 * which the server then copies a tenth as much of per request.
 *
 * @param <K> what tells the answers apart (the request's parameters)
 */
final class WrittenAnswers<K> {

    /** Below this, compressing saves less than the header it costs. */
    private static final int COMPRESS_FROM_BYTES = 1_024;

    private static final class Written {
        final Object read;
        final byte[] json;
        volatile byte[] gzip;

        Written(Object read, byte[] json) {
            this.read = read;
            this.json = json;
        }

        byte[] gzip() {
            byte[] compressed = gzip;
            if (compressed == null) {
                compressed = gzip = compress(json);
            }
            return compressed;
        }
    }

    private final JsonMapper json;
    private final int limit;
    private final Map<K, Written> written = new ConcurrentHashMap<>();

    /** @param limit how many answers are kept; all are let go when more would be */
    WrittenAnswers(JsonMapper json, int limit) {
        this.json = json;
        this.limit = limit;
    }

    /**
     * The answer to {@code key} showing {@code read} as {@code view} makes it, written now unless it was for it.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding} header, or null
     */
    <R> ResponseEntity<byte[]> answer(K key, R read, Function<R, ?> view, String acceptEncoding) {
        Written known = written.get(key);
        if (known == null || known.read != read) {
            known = new Written(read, json.writeValueAsBytes(view.apply(read)));
            if (written.size() >= limit) {
                written.clear();
            }
            written.put(key, known);
        }
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.VARY, "Accept-Encoding");
        if (known.json.length >= COMPRESS_FROM_BYTES && acceptsGzip(acceptEncoding)) {
            return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(known.gzip());
        }
        return answer.body(known.json);
    }

    /** Whether the header names gzip (or any coding, {@code *}) with a weight above zero. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (!name.equalsIgnoreCase("gzip") && !name.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2).strip()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            return !refused;
        }
        return false;
    }

    private static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory", e);
        }
        return out.toByteArray();
    }
}

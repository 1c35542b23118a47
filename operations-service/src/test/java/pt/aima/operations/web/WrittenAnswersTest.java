package pt.aima.operations.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

class WrittenAnswersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final WrittenAnswers<String> answers = new WrittenAnswers<>(json, 2);
    private final AtomicInteger written = new AtomicInteger();

    /** A read a query keeps: the same instance while it holds. */
    private record Read(List<String> rows) {}

    private Object view(Read read) {
        written.incrementAndGet();
        return read;
    }

    @Test
    void theSameReadIsWrittenOnceAndANewOneAgain() {
        Read kept = new Read(List.of("a", "b"));
        ResponseEntity<byte[]> first = answers.answer("page 0", kept, this::view, null);
        ResponseEntity<byte[]> again = answers.answer("page 0", kept, this::view, null);
        assertThat(written).hasValue(1);
        assertThat(again.getBody()).isSameAs(first.getBody());
        assertThat(new String(first.getBody())).isEqualTo("{\"rows\":[\"a\",\"b\"]}");
        assertThat(first.getHeaders().getContentType()).hasToString("application/json");

        // an equal read that is another instance was read again: it is written again
        ResponseEntity<byte[]> reread = answers.answer("page 0", new Read(List.of("a", "c")), this::view, null);
        assertThat(written).hasValue(2);
        assertThat(new String(reread.getBody())).isEqualTo("{\"rows\":[\"a\",\"c\"]}");
        // other keys are other answers
        answers.answer("page 1", kept, this::view, null);
        assertThat(written).hasValue(3);
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameJsonCompressed() throws IOException {
        Read large = new Read(java.util.Collections.nCopies(200, "case"));
        ResponseEntity<byte[]> plain = answers.answer("large", large, this::view, null);
        ResponseEntity<byte[]> compressed = answers.answer("large", large, this::view, "gzip, deflate, br");
        assertThat(plain.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(compressed.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING))
                .isEqualTo("gzip");
        assertThat(compressed.getHeaders().getFirst(HttpHeaders.VARY)).isEqualTo("Accept-Encoding");
        assertThat(compressed.getBody().length).isLessThan(plain.getBody().length / 4);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(compressed.getBody())).readAllBytes())
                .isEqualTo(plain.getBody());
        assertThat(written).hasValue(1);

        // a small answer is not worth compressing
        ResponseEntity<byte[]> small = answers.answer("small", new Read(List.of("a")), this::view, "gzip");
        assertThat(small.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
    }

    @Test
    void gzipIsAcceptedOnlyWhenTheHeaderNamesItWithAWeightAboveZero() {
        assertThat(WrittenAnswers.acceptsGzip("gzip")).isTrue();
        assertThat(WrittenAnswers.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(WrittenAnswers.acceptsGzip("*")).isTrue();
        assertThat(WrittenAnswers.acceptsGzip(null)).isFalse();
        assertThat(WrittenAnswers.acceptsGzip("identity")).isFalse();
        assertThat(WrittenAnswers.acceptsGzip("br, deflate")).isFalse();
        assertThat(WrittenAnswers.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(WrittenAnswers.acceptsGzip("gzip;q=0.0, *")).isFalse();
        assertThat(WrittenAnswers.acceptsGzip("gzip;q=oops")).isFalse();
    }
}

package pt.aima.application.backlog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream of UTF-8 bytes one physical line at a time (a line ends with {@code \n}; a {@code \r} before it is
 * dropped), holding only a buffer and the current line. A byte sequence that is not UTF-8 stops it with {@link NotUtf8},
 * naming the byte's offset, value and line; a leading byte-order mark is skipped.
 */
final class Utf8LineReader {

    /** A byte that is not UTF-8, where it is. */
    static final class NotUtf8 extends IOException {
        final long offset;
        final int value;
        final int line;

        NotUtf8(long offset, int value, int line) {
            super("byte " + offset + " (0x" + String.format("%02X", value) + ") on line " + line + " is not UTF-8");
            this.offset = offset;
            this.value = value;
            this.line = line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
    private long consumed;
    private int newlines;
    private boolean endOfInput;
    private boolean flushed;
    private boolean first = true;
    private long totalBytes;
    private int lines;
    private boolean lastLineEnded = true;

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break, or null at the end. */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (!chars.hasRemaining() && !fill()) {
                if (line == null) {
                    return null;
                }
                lines++;
                lastLineEnded = false;
                return strip(line);
            }
            if (line == null) {
                line = new StringBuilder(256);
            }
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        continue;
                    }
                }
                if (c == '\n') {
                    lines++;
                    return strip(line);
                }
                line.append(c);
            }
        }
    }

    /** The lines read so far; at the end, every line of the file. */
    int lines() {
        return lines;
    }

    /** Whether the last line read ended with a line break (a file cut in transfer ends without one). */
    boolean lastLineEnded() {
        return lastLineEnded;
    }

    /** The bytes read so far. */
    long bytes() {
        return totalBytes;
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /** Decodes more characters; false at the end of the input. */
    private boolean fill() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (flushed) {
                    return false;
                }
                if (!bytes.hasRemaining() && !endOfInput) {
                    readBytes();
                }
                int before = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                countNewlines(before, bytes.position());
                if (result.isError()) {
                    int at = bytes.position();
                    throw new NotUtf8(consumed + at, bytes.get(at) & 0xff, newlines + 1);
                }
                if (endOfInput && !bytes.hasRemaining()) {
                    decoder.flush(chars);
                    flushed = true;
                } else if (result.isUnderflow() && !endOfInput) {
                    readBytes();
                }
            }
            return true;
        } finally {
            chars.flip();
        }
    }

    private void countNewlines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes.get(i) == '\n') {
                newlines++;
            }
        }
    }

    /** Keeps the bytes not yet decoded (an incomplete character) and reads more after them. */
    private void readBytes() throws IOException {
        consumed += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
            totalBytes += n;
        }
        bytes.flip();
    }
}

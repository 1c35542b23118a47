package pt.aima.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer run as a person runs it (its own JVM, its {@code main}), against services that are not there or go
 * away: one line on standard error that says what happened and what to do, exit status 2, no stack trace.
 */
class BacklogImportCliTest {

    private static final String AGAIN_IS_SAFE = "importing the same file again is safe";

    @TempDir
    Path work;

    @Test
    void saysInOneLineThatApplicationServiceCannotBeReached() throws Exception {
        int closed = closedPort();

        Outcome outcome =
                importer("import", file(1_000).toString(), "--api", "http://127.0.0.1:" + closed, "--token", "t");

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errorLine())
                .startsWith("backlog-import: cannot reach application-service at http://127.0.0.1:" + closed)
                .contains("connection refused", "nothing was imported", "run the same command again");
    }

    @Test
    void saysInOneLineThatTheTokenIssuerCannotBeReached() throws Exception {
        int closed = closedPort();

        Outcome outcome = importer("import", file(1_000).toString(), "--issuer", "http://127.0.0.1:" + closed);

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errorLine())
                .startsWith("backlog-import: cannot reach the token issuer at http://127.0.0.1:" + closed)
                .contains("nothing was imported", "--token JWT");
    }

    @Test
    void saysInOneLineThatApplicationServiceWentAwayDuringTheUpload() throws Exception {
        Path file = file(8 << 20);
        try (FakeService service = new FakeService(connection -> {
            // Takes the start of the file, then the service is gone (the rest of the upload hits a closed socket).
            readAtLeast(connection, 256 << 10);
        })) {
            Outcome outcome = importer("import", file.toString(), "--api", service.url(), "--token", "t");

            assertThat(outcome.status()).isEqualTo(2);
            assertThat(outcome.errorLine())
                    .startsWith("backlog-import: lost the connection to application-service at " + service.url()
                            + " while uploading " + file)
                    .containsAnyOf("the service closed the connection", "the connection was reset")
                    .contains("run the same command again", AGAIN_IS_SAFE);
        }
    }

    @Test
    void saysInOneLineThatApplicationServiceWentAwayWhileTheImportRan() throws Exception {
        Path file = file(10_000);
        try (FakeService service = new FakeService(connection -> {
            // Accepts the upload; every later connection (following the import's progress) is closed unanswered.
            readRequest(connection);
            String body = "{\"importId\":\"import-7\",\"status\":\"RUNNING\"}";
            write(
                    connection,
                    "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body);
        })) {
            Outcome outcome = importer("import", file.toString(), "--api", service.url(), "--token", "t");

            assertThat(outcome.status()).isEqualTo(2);
            assertThat(outcome.errorLine())
                    .startsWith("backlog-import: lost the connection to application-service at " + service.url()
                            + " while import import-7 was running")
                    .contains("run the same command again", AGAIN_IS_SAFE);
        }
    }

    private record Outcome(int status, List<String> errorLines) {

        /** The only line on standard error; fails when there are more (a stack trace) or none. */
        String errorLine() {
            assertThat(errorLines).hasSize(1);
            assertThat(errorLines.getFirst()).doesNotContain("Exception", "\tat ");
            return errorLines.getFirst();
        }
    }

    private Outcome importer(String... args) throws IOException, InterruptedException, URISyntaxException {
        Path classes = Path.of(BacklogImportCli.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes.toString(),
                BacklogImportCli.class.getName()));
        command.addAll(List.of(args));
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the importer ends by itself")
                .isTrue();
        List<String> errorLines = Files.readAllLines(stderr).stream()
                .filter(line -> !line.isBlank())
                .toList();
        return new Outcome(process.exitValue(), errorLines);
    }

    private Path file(int bytes) throws IOException {
        Path file = work.resolve(String.format(Locale.ROOT, "legacy-%d.csv", bytes));
        Files.write(file, "x".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
        return file;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void readAtLeast(Socket connection, int bytes) {
        try {
            InputStream in = connection.getInputStream();
            byte[] buffer = new byte[64 << 10];
            int total = 0;
            for (int n; total < bytes && (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one whole HTTP/1.1 request (head and a body of Content-Length bytes). */
    private static void readRequest(Socket connection) {
        try {
            InputStream in = connection.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.append((char) c);
            }
            long length = head.toString()
                    .lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .mapToLong(line -> Long.parseLong(
                            line.substring("content-length:".length()).strip()))
                    .findFirst()
                    .orElse(0);
            in.readNBytes((int) length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Socket connection, String response) {
        try {
            OutputStream out = connection.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A stand-in for application-service on a raw socket: the first connection is handed to the test's script, then
     * closed; every later one is closed at once, as by a service that went away.
     */
    private static final class FakeService implements AutoCloseable {

        private final ServerSocket server;
        private final Thread acceptor;

        FakeService(Consumer<Socket> firstConnection) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                boolean first = true;
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        if (first) {
                            first = false;
                            firstConnection.accept(connection);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the test has ended (server closed) or the client hung up: nothing to serve
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            acceptor.join();
        }
    }
}

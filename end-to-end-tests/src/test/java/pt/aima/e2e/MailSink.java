package pt.aima.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mail server for the end-to-end tests that accepts every message and keeps only the notification id
 * notification-service puts in each ({@code X-AIMA-Notification-Id}), so a test can see what really reached a mail
 * server, and how often, rather than what notification-service marked sent (the same protocol as
 * bench/SmtpSink.java, which the benchmark scripts run as a program).
 */
final class MailSink implements AutoCloseable {

    private static final String ID_HEADER = "X-AIMA-Notification-Id:";

    private final ServerSocket server;
    private final List<String> accepted = new ArrayList<>();

    MailSink() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("mail-sink").start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The environment that points the stack's notification-service at this server (Spring Boot's relaxed names). */
    Map<String, String> environment() {
        return Map.of("SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT", String.valueOf(port()));
    }

    /** How many messages arrived with each notification id ("-" for a message without one). */
    synchronized Map<String, Integer> messagesByNotification() {
        Map<String, Integer> counts = new TreeMap<>();
        accepted.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> converse(socket));
            } catch (IOException e) {
                // closed: the test is over
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 mail-sink ready");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 mail-sink");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String notification = "-";
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            if (line.regionMatches(true, 0, ID_HEADER, 0, ID_HEADER.length())) {
                                notification =
                                        line.substring(ID_HEADER.length()).trim();
                            }
                        }
                        synchronized (this) {
                            accepted.add(notification);
                        }
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // a client that went away mid-conversation: its message was not accepted
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

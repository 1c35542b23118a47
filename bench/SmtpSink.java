import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail server for the backlog benchmark that accepts every message and keeps none: notification-service delivers
 * its e-mails for real (an SMTP conversation per message) instead of retrying them against no server for the whole
 * run, which would measure the retries rather than the system.
 *
 * <pre>java bench/SmtpSink.java [port]     (prints "smtp sink on port N"; the count of messages and connections on exit)</pre>
 *
 * <p>With {@code -Dsmtp.sink.count=true} it also prints "accepted N <X-AIMA-Notification-Id>" after each message, so a script can compare the
 * messages the sink really received with the deliveries notification-service marked sent (bench/restarts.sh: none
 * sent twice).
 */
public class SmtpSink {

    private static final AtomicLong messages = new AtomicLong();
    private static final AtomicLong connections = new AtomicLong();
    private static final boolean COUNT = Boolean.getBoolean("smtp.sink.count");

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(args.length > 0 ? Integer.parseInt(args[0]) : 0, 200,
                InetAddress.getLoopbackAddress());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(
                "smtp sink: " + messages.get() + " messages over " + connections.get() + " connections")));
        System.out.println("smtp sink on port " + server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket socket = server.accept();
            connections.incrementAndGet();
            Thread.ofVirtual().start(() -> converse(socket));
        }
    }

    private static void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 smtp-sink ready");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 smtp-sink");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String notification = "-";
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // discarded, but for the notification id notification-service puts in every e-mail
                            if (line.regionMatches(true, 0, "X-AIMA-Notification-Id:", 0, 23)) {
                                notification = line.substring(23).trim();
                            }
                        }
                        long accepted = messages.incrementAndGet();
                        if (COUNT) {
                            System.out.println("accepted " + accepted + " " + notification);
                        }
                        reply(out, "250 accepted and dropped");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (Exception e) {
            // a client that went away: nothing to keep
        }
    }

    private static void reply(OutputStream out, String text) throws Exception {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}

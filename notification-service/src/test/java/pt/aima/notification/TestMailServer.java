package pt.aima.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server in the test JVM (GreenMail), on a port of its own, that a test can stop and start again on the
 * same port to play a mail server that is down for a while. What it received before a stop is kept.
 */
final class TestMailServer {

    private static final TestMailServer shared = new TestMailServer();

    private final int port;
    private final List<MimeMessage> beforeRestarts = new ArrayList<>();
    private GreenMail server;

    private TestMailServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    static TestMailServer shared() {
        return shared;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    synchronized void stop() {
        if (server != null) {
            beforeRestarts.addAll(List.of(server.getReceivedMessages()));
            server.stop();
            server = null;
        }
    }

    /** Every message received for the address, in order of arrival. */
    synchronized List<MimeMessage> messagesTo(String address) {
        List<MimeMessage> all = new ArrayList<>(beforeRestarts);
        if (server != null) {
            all.addAll(List.of(server.getReceivedMessages()));
        }
        return all.stream().filter(message -> addressedTo(message, address)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null
                    && recipients.length == 1
                    && recipients[0].toString().equals(address);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

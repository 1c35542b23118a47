package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The e-mail channel over a real SMTP server (GreenMail, in this JVM), reached through a relay that counts the
 * connections opened to it and can drop them all, as a server does with a connection left idle too long.
 */
class EmailChannelTest {

    private GreenMail server;
    private CountingRelay relay;
    private EmailChannel email;

    @BeforeEach
    void start() throws IOException {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        relay = new CountingRelay(server.getSmtp().getPort());
        email = emailChannel(relay.port());
    }

    /** The channel over Spring's mail sender for a server on this machine's port, with short timeouts. */
    private static EmailChannel emailChannel(int port) {
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(port);
        var properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        mailSender.setJavaMailProperties(properties);
        return new EmailChannel(
                new StaticListableBeanFactory(Map.of("mailSender", mailSender)).getBeanProvider(JavaMailSender.class),
                "notificacoes@aima.gov.pt");
    }

    @AfterEach
    void stop() {
        email.release();
        relay.close();
        server.stop();
    }

    @Test
    void messagesSentOneAfterAnotherShareOneConnectionUntilTheChannelIsReleased() {
        IntStream.range(0, 5).forEach(i -> email.deliver(message("a" + i + "@example.org")));

        assertThat(server.getReceivedMessages()).hasSize(5);
        assertThat(relay.connections()).isEqualTo(1);

        email.release();
        email.deliver(message("b@example.org"));

        assertThat(server.getReceivedMessages()).hasSize(6);
        assertThat(relay.connections()).as("a new connection after the release").isEqualTo(2);
    }

    @Test
    void oneConnectionCarriesAtMostAHundredMessages() {
        int messages = EmailChannel.MESSAGES_PER_CONNECTION + 1;
        IntStream.range(0, messages).forEach(i -> email.deliver(message("a" + i + "@example.org")));

        assertThat(server.getReceivedMessages()).hasSize(messages);
        assertThat(relay.connections()).isEqualTo(2);
    }

    @Test
    void aKeptConnectionTheServerDroppedIsReplacedAndTheMessageGoesOnce() {
        email.deliver(message("first@example.org"));
        relay.dropConnections();

        email.deliver(message("second@example.org"));

        assertThat(server.getReceivedMessages())
                .extracting(received -> received.getAllRecipients()[0].toString())
                .containsExactly("first@example.org", "second@example.org");
        assertThat(relay.connections()).isEqualTo(2);
    }

    @Test
    void aServerThatIsGoneIsATransientFailureAndTheMessageIsNotLost() {
        email.deliver(message("first@example.org"));
        relay.close();

        assertThatThrownBy(() -> email.deliver(message("second@example.org")))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.permanent())
                        .isFalse());
        assertThat(server.getReceivedMessages()).hasSize(1);
    }

    /**
     * A mail server that refuses the recipient: a permanent failure, sent once only (not again over a new connection),
     * and the next message still goes, whether the refusal came on a new connection or a kept one.
     */
    @Test
    void anAddressTheServerRefusesFailsForGoodAndTheNextMessageStillGoes() throws IOException {
        try (var refusing = new RefusingServer()) {
            var channel = emailChannel(refusing.port());
            try {
                assertRefused(channel, "refused-first@example.org");
                channel.deliver(message("kept@example.org"));
                assertRefused(channel, "refused-on-a-kept-connection@example.org");
                channel.deliver(message("after@example.org"));
            } finally {
                channel.release();
            }

            assertThat(refusing.accepted()).containsExactly("<kept@example.org>", "<after@example.org>");
            assertThat(refusing.refusals()).isEqualTo(2);
        }
    }

    private static void assertRefused(EmailChannel channel, String address) {
        assertThatThrownBy(() -> channel.deliver(message(address)))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                    assertThat(failure.permanent()).isTrue();
                    assertThat(failure.code()).isEqualTo(DeliveryFailure.ADDRESS_REJECTED);
                });
    }

    private static OutboundMessage message(String address) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), address, "Assunto", "Corpo");
    }

    /** A scripted SMTP server: refuses every recipient whose address starts with "refused", accepts the rest. */
    private static final class RefusingServer implements AutoCloseable {

        private final ServerSocket listening;
        private final List<String> accepted = new CopyOnWriteArrayList<>();
        private final AtomicInteger refusals = new AtomicInteger();

        RefusingServer() throws IOException {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Thread.ofVirtual().start(() -> converse(client));
                    } catch (IOException e) {
                        // closed: no more connections
                    }
                }
            });
        }

        private void converse(Socket socket) {
            try (socket;
                    var in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    var out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                out.print("220 refusing-server\r\n");
                String recipient = null;
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                    switch (verb) {
                        case "RCPT" -> {
                            String address =
                                    line.substring(line.indexOf(':') + 1).trim();
                            if (address.startsWith("<refused")) {
                                refusals.incrementAndGet();
                                out.print("550 5.1.1 no such mailbox\r\n");
                            } else {
                                recipient = address;
                                out.print("250 ok\r\n");
                            }
                        }
                        case "DATA" -> {
                            out.print("354 go on\r\n");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message itself is not kept
                            }
                            accepted.add(recipient);
                            out.print("250 accepted\r\n");
                        }
                        case "QUIT" -> {
                            out.print("221 bye\r\n");
                            return;
                        }
                        default -> out.print("250 ok\r\n");
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        int port() {
            return listening.getLocalPort();
        }

        List<String> accepted() {
            return accepted;
        }

        int refusals() {
            return refusals.get();
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }
    }

    /** Forwards every connection to the SMTP server, counting them; can drop every open one, or stop listening. */
    private static final class CountingRelay implements AutoCloseable {

        private final ServerSocket listening;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private boolean closed;

        CountingRelay(int target) throws IOException {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        if (admit(client, upstream)) {
                            pump(client, upstream);
                            pump(upstream, client);
                        }
                    } catch (IOException e) {
                        // closed: no more connections
                    }
                }
            });
        }

        /**
         * Counts and keeps a connection, unless the relay is closed: an accept under way while the socket closes may
         * still return one, which is then refused here, so that nothing is relayed after {@link #close()}.
         */
        private synchronized boolean admit(Socket client, Socket upstream) {
            if (closed) {
                closeQuietly(client);
                closeQuietly(upstream);
                return false;
            }
            connections.incrementAndGet();
            open.add(client);
            open.add(upstream);
            return true;
        }

        private static void pump(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // one side went away
                }
                closeQuietly(from);
                closeQuietly(to);
            });
        }

        int port() {
            return listening.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        synchronized void dropConnections() {
            open.forEach(CountingRelay::closeQuietly);
            open.clear();
        }

        @Override
        public synchronized void close() {
            closed = true;
            closeQuietly(listening);
            dropConnections();
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing what is closed already
            }
        }
    }
}

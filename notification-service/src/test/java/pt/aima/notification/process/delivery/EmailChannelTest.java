package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
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
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(relay.port());
        var properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        mailSender.setJavaMailProperties(properties);
        email = new EmailChannel(
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

    private static OutboundMessage message(String address) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), address, "Assunto", "Corpo");
    }

    /** Forwards every connection to the SMTP server, counting them; can drop every open one, or stop listening. */
    private static final class CountingRelay implements AutoCloseable {

        private final ServerSocket listening;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        CountingRelay(int target) throws IOException {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        connections.incrementAndGet();
                        open.add(client);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        // closed: no more connections
                    }
                }
            });
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

        void dropConnections() {
            open.forEach(CountingRelay::closeQuietly);
            open.clear();
        }

        @Override
        public void close() {
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

package pt.aima.notification.process.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.ClassUtils;
import pt.aima.notification.casenotifications.Channel;

/**
 * E-mail over SMTP through Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}. Without {@code
 * spring.mail.host} there is no sender and every e-mail waits, pending, until one is configured; an unreachable
 * server is a transient failure, a refused address a permanent one.
 *
 * <p>One SMTP connection carries many messages: it is opened for the first message, kept while mail keeps flowing,
 * and closed when the sender finds nothing more to send ({@link #release()}), after {@value #MESSAGES_PER_CONNECTION}
 * messages (mail servers limit what one connection may carry) or after any failure. Opening one per message, as
 * {@link JavaMailSender#send} does, costs a TCP connection, a greeting and EHLO (and a TLS handshake where the server
 * asks for one) for every e-mail: at three e-mails a case, a million times for the backlog. A kept connection that
 * the server has closed meanwhile fails the next message, which is then sent once more over a new connection. Each
 * message is still sent and marked in a transaction of its own ({@link DeliverySender}): sharing the connection
 * changes nothing in what is sent twice after a crash.
 *
 * <p>Used by the sender's one thread only; a mail sender that is not Spring's {@link JavaMailSenderImpl} (a bean of
 * the application's own) sends each message on its own connection, through {@link JavaMailSender#send}.
 */
public class EmailChannel implements DeliveryChannel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    /** At most this many messages over one connection; the next message opens a new one. */
    static final int MESSAGES_PER_CONNECTION = 100;

    /**
     * The system property Jakarta Mail reads first to find its {@code StreamProvider}. Jakarta Mail 2.1 looks the
     * provider up on every message it encodes ({@code StreamProvider.provider()}, jakartaee/mail-api#861), through
     * {@link java.util.ServiceLoader} unless this property names it; in a Spring Boot jar that scans every nested jar:
     * a third of the delivery thread's CPU in the backlog benchmark. Named, it is a class lookup.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    /** The provider the service ships (Eclipse Angus Mail, Jakarta Mail's implementation). */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        nameTheStreamProvider();
    }

    /** Names Angus's provider unless the property is set already or Angus is not there (then Mail looks it up). */
    static void nameTheStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null
                && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, EmailChannel.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        }
    }

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private Transport connection;
    private int sentOverConnection;

    public EmailChannel(ObjectProvider<JavaMailSender> mailSender, String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String contactColumn() {
        return "email";
    }

    @Override
    public void deliver(OutboundMessage message) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw DeliveryFailure.transientFailure("no mail server configured (spring.mail.host)", null);
        }
        try {
            MimeMessage mime = mime(sender, message);
            if (sender instanceof JavaMailSenderImpl server) {
                sendOverKeptConnection(server, mime);
            } else {
                sender.send(mime);
            }
        } catch (AddressException | MailParseException e) {
            throw DeliveryFailure.permanentFailure(
                    DeliveryFailure.ADDRESS_REJECTED, "the applicant's e-mail address is not valid", e);
        } catch (SendFailedException | MailSendException e) {
            if (addressRefused(e)) {
                throw DeliveryFailure.permanentFailure(
                        DeliveryFailure.ADDRESS_REJECTED, "the mail server refused the applicant's address", e);
            }
            throw DeliveryFailure.transientFailure("mail server unavailable: " + rootMessage(e), e);
        } catch (MailException | MessagingException e) {
            throw DeliveryFailure.transientFailure("mail server unavailable: " + rootMessage(e), e);
        }
    }

    private MimeMessage mime(JavaMailSender sender, OutboundMessage message) throws MessagingException {
        var mime = sender.createMimeMessage();
        var helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(message.address());
        helper.setSubject(message.subject());
        helper.setText(message.body(), false);
        mime.setHeader("X-AIMA-Notification-Id", message.notificationId().toString());
        return mime;
    }

    /**
     * Sends over the kept connection, opening one if there is none. A failure closes the connection; if the connection
     * had carried messages before (the server may have dropped it while it was idle), the message is sent once more
     * over a new one. An address the server refuses is not sent again.
     */
    private void sendOverKeptConnection(JavaMailSenderImpl server, MimeMessage mime) throws MessagingException {
        if (mime.getSentDate() == null) {
            mime.setSentDate(new Date());
        }
        mime.saveChanges();
        boolean kept = connection != null;
        try {
            send(server, mime);
        } catch (MessagingException e) {
            if (!kept || addressRefused(e)) {
                throw e;
            }
            log.debug("a kept SMTP connection failed ({}); sending over a new one", rootMessage(e));
            send(server, mime);
        }
        if (++sentOverConnection >= MESSAGES_PER_CONNECTION) {
            release();
        }
    }

    /** Sends over the kept connection, opening one if there is none; a failed send closes it. */
    private void send(JavaMailSenderImpl server, MimeMessage mime) throws MessagingException {
        if (connection == null) {
            connection = connect(server);
        }
        try {
            connection.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /** A connection as {@link JavaMailSenderImpl} opens one for each send: its session, protocol, host and login. */
    private static Transport connect(JavaMailSenderImpl server) throws MessagingException {
        String protocol = server.getProtocol() == null ? "smtp" : server.getProtocol();
        String username = server.getUsername();
        String password = server.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        Transport transport = server.getSession().getTransport(protocol);
        transport.connect(server.getHost(), server.getPort(), username, password);
        return transport;
    }

    /** Closes the kept connection (QUIT), if any; a server that is gone already is no error. */
    @Override
    public void release() {
        Transport open = connection;
        connection = null;
        sentOverConnection = 0;
        if (open != null) {
            try {
                open.close();
            } catch (MessagingException e) {
                log.debug("closing an SMTP connection failed: {}", rootMessage(e));
            }
        }
    }

    /** Whether the server refused the recipient (a permanent failure), as Jakarta Mail or Spring reports it. */
    private static boolean addressRefused(Exception e) {
        return switch (e) {
            case SendFailedException refused ->
                refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0;
            case MailSendException failed ->
                failed.getFailedMessages().values().stream().anyMatch(EmailChannel::addressRefused);
            default -> false;
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}

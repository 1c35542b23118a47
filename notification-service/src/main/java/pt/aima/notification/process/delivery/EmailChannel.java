package pt.aima.notification.process.delivery;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.ClassUtils;
import pt.aima.notification.casenotifications.Channel;

/**
 * E-mail over SMTP through Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}. Without {@code
 * spring.mail.host} there is no sender and every e-mail waits, pending, until one is configured; an unreachable
 * server is a transient failure, a refused address a permanent one.
 */
public class EmailChannel implements DeliveryChannel {

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
            var mime = sender.createMimeMessage();
            var helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.address());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mime.setHeader("X-AIMA-Notification-Id", message.notificationId().toString());
            sender.send(mime);
        } catch (AddressException | MailParseException e) {
            throw DeliveryFailure.permanentFailure(
                    DeliveryFailure.ADDRESS_REJECTED, "the applicant's e-mail address is not valid", e);
        } catch (MailSendException e) {
            if (addressRefused(e)) {
                throw DeliveryFailure.permanentFailure(
                        DeliveryFailure.ADDRESS_REJECTED, "the mail server refused the applicant's address", e);
            }
            throw DeliveryFailure.transientFailure("mail server unavailable: " + rootMessage(e), e);
        } catch (MailException | jakarta.mail.MessagingException e) {
            throw DeliveryFailure.transientFailure("mail server unavailable: " + rootMessage(e), e);
        }
    }

    private static boolean addressRefused(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            if (failure instanceof SendFailedException sendFailed
                    && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}

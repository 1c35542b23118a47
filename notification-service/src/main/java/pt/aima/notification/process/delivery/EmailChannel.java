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
import pt.aima.notification.casenotifications.Channel;

/**
 * E-mail over SMTP through Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}. Without {@code
 * spring.mail.host} there is no sender and every e-mail waits, pending, until one is configured; an unreachable
 * server is a transient failure, a refused address a permanent one.
 */
public class EmailChannel implements DeliveryChannel {

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

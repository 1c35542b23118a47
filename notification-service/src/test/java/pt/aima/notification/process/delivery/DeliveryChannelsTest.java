package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class DeliveryChannelsTest {

    @Test
    void withoutAConfiguredMailServerAnEmailWaitsInsteadOfFailing() {
        var noMailSender = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        var email = new EmailChannel(noMailSender, "notificacoes@aima.gov.pt");
        var message = new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), "a@example.org", "s", "b");

        assertThatThrownBy(() -> email.deliver(message)).isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.getMessage()).contains("spring.mail.host");
        });
    }

    /**
     * Jakarta Mail finds its stream provider through the system property, not a ServiceLoader scan of every jar on
     * each message: the property names a provider Mail can load, and Mail hands that provider out.
     */
    @Test
    void jakartaMailIsToldWhichStreamProviderToUse() {
        EmailChannel.nameTheStreamProvider();

        assertThat(System.getProperty(EmailChannel.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(EmailChannel.ANGUS_STREAM_PROVIDER)
                .isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void theFileSmsGatewayWritesEachMessageOnceEvenWhenSentTwice(@TempDir Path directory) throws IOException {
        var sms = new SmsChannel(new FileSmsGateway(directory.resolve("sms")));
        var message = new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), "+351912345678", "Subject", "Body");

        sms.deliver(message);
        sms.deliver(message);

        try (var files = Files.list(directory.resolve("sms"))) {
            assertThat(files.toList()).singleElement().satisfies(file -> assertThat(Files.readString(file))
                    .isEqualTo("+351912345678\nSubject\n\nBody"));
        }
    }
}

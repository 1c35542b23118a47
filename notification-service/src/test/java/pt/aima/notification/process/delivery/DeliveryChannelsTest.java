package pt.aima.notification.process.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
     * Jakarta Mail finds its stream provider through the system property, without a ServiceLoader scan of the
     * classpath's service files on each message: asked for it, Mail never looks for the service file.
     */
    @Test
    void jakartaMailIsToldWhichStreamProviderToUseInsteadOfScanningTheClasspath() {
        EmailChannel.nameTheStreamProvider();
        assertThat(System.getProperty(EmailChannel.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(EmailChannel.ANGUS_STREAM_PROVIDER)
                .isEqualTo(MailStreamProvider.class.getName());

        assertThat(serviceFileLookups(StreamProvider::provider))
                .as("service-file lookups when the provider is named")
                .isZero();
        String named = System.clearProperty(EmailChannel.STREAM_PROVIDER_PROPERTY);
        try {
            assertThat(serviceFileLookups(StreamProvider::provider))
                    .as("service-file lookups when it is not (what the property saves)")
                    .isPositive();
        } finally {
            System.setProperty(EmailChannel.STREAM_PROVIDER_PROPERTY, named);
        }
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    /** How often {@code lookup} asked the context class loader for StreamProvider's service file. */
    private static int serviceFileLookups(Supplier<StreamProvider> lookup) {
        AtomicInteger lookups = new AtomicInteger();
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        ClassLoader counting = new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("META-INF/services/" + StreamProvider.class.getName())) {
                    lookups.incrementAndGet();
                }
                return super.getResources(name);
            }
        };
        Thread.currentThread().setContextClassLoader(counting);
        try {
            assertThat(lookup.get()).isInstanceOf(MailStreamProvider.class);
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
        return lookups.get();
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

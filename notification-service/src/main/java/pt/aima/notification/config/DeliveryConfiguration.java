package pt.aima.notification.config;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.notification.process.delivery.DeliveryChannel;
import pt.aima.notification.process.delivery.DeliveryOutboxStore;
import pt.aima.notification.process.delivery.DeliveryReporter;
import pt.aima.notification.process.delivery.DeliverySender;
import pt.aima.notification.process.delivery.EmailChannel;
import pt.aima.notification.process.delivery.FileSmsGateway;
import pt.aima.notification.process.delivery.SmsChannel;
import pt.aima.notification.process.delivery.SmsGateway;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.observability.CaseTracing;

/** The delivery process: its channels (e-mail, SMS) and, unless disabled, its sender. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    DeliveryChannel emailChannel(ObjectProvider<JavaMailSender> mailSender, DeliveryProperties properties) {
        return new EmailChannel(mailSender, properties.from());
    }

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway fileSmsGateway(DeliveryProperties properties) {
        return new FileSmsGateway(properties.smsDirectory());
    }

    @Bean
    DeliveryChannel smsChannel(SmsGateway gateway) {
        return new SmsChannel(gateway);
    }

    @Bean
    @ConditionalOnProperty(name = "aima.notification.delivery.enabled", matchIfMissing = true)
    DeliverySender deliverySender(
            DeliveryOutboxStore store,
            PlatformTransactionManager transactionManager,
            ActingCommandGateway commands,
            List<DeliveryChannel> channels,
            DeliveryProperties properties,
            @Value("${aima.service.name}") String serviceName,
            CaseTracing tracing) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        return new DeliverySender(
                store,
                new DeliveryReporter(store, transaction, commands, serviceName, tracing),
                transaction,
                channels,
                properties.retryPolicy(),
                properties.pollInterval(),
                properties.batchSize(),
                properties.contactWait(),
                tracing);
    }
}

package pt.aima.notification.delivery;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.platform.acting.ActingCommandGateway;

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
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ActingCommandGateway commands,
            List<DeliveryChannel> channels,
            DeliveryProperties properties,
            @Value("${aima.service.name}") String serviceName) {
        return new DeliverySender(
                jdbc, new TransactionTemplate(transactionManager), commands, channels, properties, serviceName);
    }
}

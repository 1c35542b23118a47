package pt.aima.notification.texts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.notification.casenotifications.NotificationTexts;

@Configuration(proxyBeanMethods = false)
class NotificationTextsConfiguration {

    @Bean
    NotificationTexts notificationTexts() {
        return MustacheNotificationTexts.fromClasspath();
    }
}

package pt.aima.notification.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import pt.aima.notification.casenotifications.NotificationTexts;
import pt.aima.notification.texts.MustacheNotificationTexts;

/** The case writes its notifications from the Mustache templates on the classpath. */
@Configuration(proxyBeanMethods = false)
class NotificationTextsConfiguration {

    @Bean
    NotificationTexts notificationTexts() {
        return MustacheNotificationTexts.fromClasspath();
    }
}

package pt.aima.notification.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import pt.aima.notification.process.delivery.RetryPolicy;

/**
 * The delivery outbox's sender and its policy ({@code aima.notification.delivery.*}).
 *
 * @param enabled whether this instance sends (every instance may: rows are claimed with {@code skip locked})
 * @param pollInterval how often the sender looks for due deliveries
 * @param batchSize deliveries per channel, and outcome reports, per batch (reports share one transaction); a full batch
 *     is followed by the next at once, not at the next poll
 * @param initialBackoff the wait after the first failed attempt; each further failure doubles it
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts after this many failed attempts a delivery fails for good; 0 retries for ever (nothing is
 *     dropped while a channel is down)
 * @param contactWait how long an e-mail or SMS waits for the applicant's contact data before it fails with {@code
 *     NO_CONTACT_DATA} (the contact travels on its own topic and may arrive after the first events of a case)
 * @param from the sender address of the e-mails
 * @param smsDirectory where the file-writing SMS gateway writes its messages
 */
@ConfigurationProperties("aima.notification.delivery")
public record DeliveryProperties(
        Boolean enabled,
        Duration pollInterval,
        Integer batchSize,
        Duration initialBackoff,
        Duration maxBackoff,
        Integer maxAttempts,
        Duration contactWait,
        String from,
        Path smsDirectory) {

    public DeliveryProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 50 : batchSize;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        maxAttempts = maxAttempts == null ? 0 : maxAttempts;
        contactWait = contactWait == null ? Duration.ofMinutes(10) : contactWait;
        from = from == null ? "notificacoes@aima.gov.pt" : from;
        smsDirectory = smsDirectory == null ? Path.of(System.getProperty("java.io.tmpdir"), "aima-sms") : smsDirectory;
    }

    /** When a delivery that failed transiently is tried again. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts);
    }
}

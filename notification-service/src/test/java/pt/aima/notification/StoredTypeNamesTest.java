package pt.aima.notification;

import java.util.Set;
import pt.aima.platform.testing.eventstore.StoredNamesTest;

/** Every event notification-service stores has a stable logical name, and its V200 migration maps the older rows. */
class StoredTypeNamesTest extends StoredNamesTest {

    StoredTypeNamesTest() {
        // born after the V200 rename, so never stored under a class name
        super(
                "pt.aima.notification",
                Set.of(
                        "notification.RegistrationNoted",
                        "notification.NotificationHeld",
                        "notification.NotificationDataErased",
                        "notification.NotificationWritten"));
    }
}

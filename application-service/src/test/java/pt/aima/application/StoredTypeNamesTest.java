package pt.aima.application;

import java.util.Set;
import pt.aima.platform.testing.eventstore.StoredNamesTest;

/** Every event application-service stores has a stable logical name, and its V200 migration maps the older rows. */
class StoredTypeNamesTest extends StoredNamesTest {

    StoredTypeNamesTest() {
        super(
                "pt.aima.application",
                Set.of(
                        "application.DeadlineExtended",
                        "application.MemberStayChanged",
                        "application.ApplicantDataErased"));
    }
}

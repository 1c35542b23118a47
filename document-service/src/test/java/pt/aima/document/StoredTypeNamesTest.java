package pt.aima.document;

import java.util.Set;
import pt.aima.platform.testing.eventstore.StoredNamesTest;

/** Every event document-service stores has a stable logical name, and its V200 migration maps the older rows. */
class StoredTypeNamesTest extends StoredNamesTest {

    StoredTypeNamesTest() {
        // born after the V200 rename, so never stored under a class name
        super("pt.aima.document", Set.of("document.DocumentDataErased"));
    }
}

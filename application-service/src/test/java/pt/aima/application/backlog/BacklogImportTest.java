package pt.aima.application.backlog;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pt.aima.application.backlog.ImportCommand.CompleteImport;
import pt.aima.application.backlog.ImportCommand.InterruptImport;
import pt.aima.application.backlog.ImportCommand.ResumeImport;
import pt.aima.application.backlog.ImportEvent.ImportCompleted;
import pt.aima.application.backlog.ImportEvent.ImportInterrupted;
import pt.aima.application.backlog.ImportEvent.ImportResumed;
import pt.aima.application.backlog.ImportEvent.ImportStarted;

class BacklogImportTest {

    private static final String ID = "import-1";
    private static final String SHA = "ab".repeat(32);
    private final ImportStarted started = new ImportStarted(ID, SHA, 1234);
    private final ImportCompleted completed = new ImportCompleted(ID, "COMPLETED", 3, 2, 2, 0, 0, List.of());

    private FixtureConfiguration<BacklogImport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BacklogImport.class);
    }

    @Test
    void aRunningImportFoundAtStartUpIsInterruptedWithTheCasesItRegistered() {
        fixture.given(started).when(new InterruptImport(ID, 7)).expectEvents(new ImportInterrupted(ID, 7));
    }

    @Test
    void anImportAlreadyInterruptedOrCompletedIsNotInterruptedAgain() {
        fixture.given(started, new ImportInterrupted(ID, 7))
                .when(new InterruptImport(ID, 7))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started, completed)
                .when(new InterruptImport(ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resumesAnInterruptedImportWithTheSameFileAndCompletesIt() {
        fixture.given(started, new ImportInterrupted(ID, 7))
                .when(new ResumeImport(ID, SHA))
                .expectEvents(new ImportResumed(ID));
        fixture.given(started, new ImportInterrupted(ID, 1), new ImportResumed(ID))
                .when(new CompleteImport(ID, "COMPLETED", 3, 2, 2, 0, 0, List.of()))
                .expectEvents(completed);
    }

    @Test
    void refusesToResumeWithAnotherFile() {
        fixture.given(started, new ImportInterrupted(ID, 7))
                .when(new ResumeImport(ID, "cd".repeat(32)))
                .expectException(ImportNotResumable.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("same file"))
                .expectNoEvents();
    }

    @Test
    void refusesToResumeAnImportThatIsRunningOrCompleted() {
        fixture.given(started)
                .when(new ResumeImport(ID, SHA))
                .expectException(ImportNotResumable.class)
                .expectNoEvents();
        fixture.given(started, new ImportInterrupted(ID, 1), new ImportResumed(ID))
                .when(new ResumeImport(ID, SHA))
                .expectException(ImportNotResumable.class)
                .expectNoEvents();
        fixture.given(started, completed)
                .when(new ResumeImport(ID, SHA))
                .expectException(ImportNotResumable.class)
                .expectNoEvents();
    }
}

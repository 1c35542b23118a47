package pt.aima.operations.projection.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteCaseStatementTest {

    @Test
    void oneTableIsAPlainDelete() {
        assertThat(WorkQueuesProjection.deleteFromEach(List.of("a")))
                .isEqualTo("delete from a where case_id = :caseId");
    }

    @Test
    void everyTableButTheLastIsADataModifyingCte() {
        assertThat(WorkQueuesProjection.deleteFromEach(List.of("a", "b", "c")))
                .isEqualTo("with deleted_0 as (delete from a where case_id = :caseId), "
                        + "deleted_1 as (delete from b where case_id = :caseId) "
                        + "delete from c where case_id = :caseId");
    }
}

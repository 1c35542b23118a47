package pt.aima.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import pt.aima.infra.DatabaseSettings;
import pt.aima.infra.LocalInfrastructure;

/** The outcome digest against a real PostgreSQL: canonical, sensitive to every value, blind to what varies. */
class OutcomeChecksumIT {

    private static final OutcomePart SLOTS = new OutcomePart(
            "slots", "one row per slot", "select case_id, desk_id, day, note from outcome_slot order by desk_id, day");
    private static final OutcomePart CASES =
            new OutcomePart("cases", "one row per case", "select distinct case_id from outcome_slot order by case_id");

    private static JdbcClient jdbc;
    private static OutcomeChecksum checksum;

    @BeforeAll
    static void database() {
        DatabaseSettings settings = LocalInfrastructure.shared().createDatabase("platform_outcome_checksum_it");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(settings.jdbcUrl(), settings.username(), settings.password());
        jdbc = JdbcClient.create(dataSource);
        checksum = new OutcomeChecksum(dataSource, new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void emptyTable() {
        jdbc.sql("drop table if exists outcome_slot").update();
        jdbc.sql(
                        """
                create table outcome_slot (case_id uuid not null, desk_id varchar(50) not null, day date not null,
                    note text, booked_at timestamptz not null default now())
                """)
                .update();
    }

    @Test
    void isTheSameForTheSameOutcomeWrittenInAnotherOrderAtAnotherTime() {
        insert("'11111111-1111-1111-1111-111111111111', 'LISBOA-1', '2026-03-03', 'a'");
        insert("'22222222-2222-2222-2222-222222222222', 'PORTO-1', '2026-03-04', null");
        OutcomeChecksum.Digest first = checksum.digest(List.of(SLOTS, CASES));

        emptyTable();
        insert("'22222222-2222-2222-2222-222222222222', 'PORTO-1', '2026-03-04', null");
        insert("'11111111-1111-1111-1111-111111111111', 'LISBOA-1', '2026-03-03', 'a'");
        OutcomeChecksum.Digest second = checksum.digest(List.of(CASES, SLOTS));

        assertThat(second).isEqualTo(first);
        assertThat(first.parts()).extracting(OutcomeChecksum.PartDigest::name).containsExactly("cases", "slots");
        assertThat(first.parts()).extracting(OutcomeChecksum.PartDigest::rows).containsExactly(2L, 2L);
        assertThat(first.algorithm()).isEqualTo("SHA-256");
        assertThat(first.checksum()).hasSize(64);
    }

    @Test
    void changesWithAnyValue() {
        insert("'11111111-1111-1111-1111-111111111111', 'LISBOA-1', '2026-03-03', 'a'");
        String before = checksum.digest(List.of(SLOTS)).checksum();

        jdbc.sql("update outcome_slot set day = '2026-03-05'").update();

        assertThat(checksum.digest(List.of(SLOTS)).checksum()).isNotEqualTo(before);
    }

    @Test
    void tellsNullFromItsTextAndKeepsColumnsApart() {
        insert("'11111111-1111-1111-1111-111111111111', 'LISBOA-1', '2026-03-03', null");
        String withNull = checksum.digest(List.of(SLOTS)).parts().getFirst().sha256();
        jdbc.sql("update outcome_slot set note = '\\N'").update();
        String withText = checksum.digest(List.of(SLOTS)).parts().getFirst().sha256();
        jdbc.sql("update outcome_slot set note = E'x\\ty'").update();
        String withTab = checksum.digest(List.of(SLOTS)).parts().getFirst().sha256();
        jdbc.sql("update outcome_slot set desk_id = E'LISBOA-1\\t2026-03-03', note = 'y'")
                .update();
        String shifted = checksum.digest(List.of(SLOTS)).parts().getFirst().sha256();

        assertThat(List.of(withNull, withText, withTab, shifted)).doesNotHaveDuplicates();
    }

    @Test
    void refusesTwoPartsOfOneName() {
        assertThatThrownBy(() -> checksum.digest(List.of(SLOTS, SLOTS))).hasMessageContaining("slots");
    }

    private static void insert(String values) {
        jdbc.sql("insert into outcome_slot (case_id, desk_id, day, note) values (" + values + ")")
                .update();
    }
}

package pt.aima.scheduling.allocation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import pt.aima.kernel.ids.CaseId;
import pt.aima.platform.acting.ActingContext;
import pt.aima.scheduling.appointment.SchedulingLedger;
import pt.aima.scheduling.schedule.QueuedCase;

/**
 * The queue ({@code queue_entry}) and the desks' slots ({@code desk_slot}) in PostgreSQL, written in the command's
 * transaction. The queue entry also remembers the flow that queued the case (correlation and cause), so the
 * appointment the scheduler books later carries it on.
 */
class JdbcSchedulingLedger implements SchedulingLedger {

    private final JdbcClient jdbc;

    JdbcSchedulingLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void waiting(QueuedCase queued) {
        requireTransaction();
        jdbc.sql("delete from desk_slot where case_id = :caseId")
                .param("caseId", queued.caseId().value())
                .update();
        ActingContext context = currentContext();
        jdbc.sql(
                        """
                insert into queue_entry (case_id, state, submitted_on, registered_at, household_size, court_deadline,
                                         previous_starts_at, not_before, correlation_id, causation_id, updated_at)
                values (:caseId, 'WAITING', :submittedOn, :registeredAt, :size, :deadline, :previous, :notBefore,
                        :correlation, :causation, now())
                on conflict (case_id) do update set state = 'WAITING', submitted_on = excluded.submitted_on,
                    registered_at = excluded.registered_at, household_size = excluded.household_size,
                    court_deadline = excluded.court_deadline, previous_starts_at = excluded.previous_starts_at,
                    not_before = excluded.not_before, correlation_id = excluded.correlation_id,
                    causation_id = excluded.causation_id, updated_at = now()
                """)
                .param("caseId", queued.caseId().value())
                .param("submittedOn", queued.submittedOn())
                .param("registeredAt", Timestamp.from(queued.registeredAt()))
                .param("size", queued.householdSize())
                .param("deadline", queued.courtDeadline())
                .param("previous", queued.previousStartsAt())
                .param("notBefore", queued.notBefore())
                .param("correlation", context == null ? null : context.correlationId())
                .param("causation", context == null ? null : context.causationId())
                .update();
    }

    @Override
    public void book(
            CaseId caseId,
            String deskId,
            LocalDate day,
            int firstIndex,
            int slots,
            LocalDateTime startsAt,
            int minutes) {
        requireTransaction();
        jdbc.sql("delete from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .update();
        for (int member = 0; member < slots; member++) {
            jdbc.sql(
                            """
                    insert into desk_slot (desk_id, day, slot_index, case_id, member_index, starts_at,
                                           duration_minutes, booked_at)
                    values (:deskId, :day, :index, :caseId, :member, :startsAt, :minutes, now())
                    """)
                    .param("deskId", deskId)
                    .param("day", day)
                    .param("index", firstIndex + member)
                    .param("caseId", caseId.value())
                    .param("member", member)
                    .param("startsAt", startsAt.plusMinutes((long) member * minutes))
                    .param("minutes", minutes)
                    .update();
        }
        jdbc.sql(
                        """
                update queue_entry set state = 'BOOKED', previous_starts_at = null, not_before = null,
                    updated_at = now() where case_id = :caseId
                """)
                .param("caseId", caseId.value())
                .update();
    }

    @Override
    public void leave(CaseId caseId, boolean freeSlots) {
        requireTransaction();
        if (freeSlots) {
            jdbc.sql("delete from desk_slot where case_id = :caseId")
                    .param("caseId", caseId.value())
                    .update();
        }
        jdbc.sql("update queue_entry set state = :state, updated_at = now() where case_id = :caseId")
                .param("state", freeSlots ? "FLAGGED" : "SEEN")
                .param("caseId", caseId.value())
                .update();
    }

    private static ActingContext currentContext() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        MetaData metaData = CurrentUnitOfWork.get().getMessage().getMetaData();
        if (metaData.get(ActingContext.CORRELATION_ID) == null) {
            return null;
        }
        return ActingContext.from(metaData, "none");
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the queue and the slots change only with the event that changes them");
        }
    }

    static ZoneOffset utc() {
        return ZoneOffset.UTC;
    }
}

package pt.aima.scheduling.allocation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import pt.aima.kernel.ids.CaseId;
import pt.aima.scheduling.allocation.DeskCalendar.Position;
import pt.aima.scheduling.appointment.Slot;
import pt.aima.scheduling.appointment.SlotAllocator;

/**
 * First come, first served at one desk: each case gets the slot after the last one handed out, from the next working
 * day on. The desk's cursor row is locked for the rest of the command's transaction, so two consumers never hand out
 * the same slot; the primary key of {@code desk_slot} (one case per slot) and its unique case id (one slot per case)
 * are the last guard.
 *
 * <p>Must run inside the transaction that stores the booking event: the slot and the event commit or roll back
 * together.
 */
public class DeskSlotAllocator implements SlotAllocator {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String deskId;
    private final DeskCalendar calendar;

    public DeskSlotAllocator(JdbcClient jdbc, Clock clock, DeskProperties desk) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.deskId = desk.deskId();
        this.calendar = desk.calendar();
    }

    @Override
    public Slot allocate(CaseId caseId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a slot is taken only in the transaction that books it");
        }
        Optional<Slot> held = slotHeldBy(caseId);
        if (held.isPresent()) {
            return held.get();
        }
        Position earliest = calendar.firstBookableAfter(LocalDate.now(clock));
        Position cursor = lockCursor(earliest);
        Position position = calendar.normalise(cursor.compareTo(earliest) < 0 ? earliest : cursor);
        Slot slot = new Slot(deskId, calendar.startsAt(position), calendar.slotMinutes());
        jdbc.sql(
                        """
                insert into desk_slot (desk_id, day, slot_index, case_id, starts_at, duration_minutes, booked_at)
                values (:deskId, :day, :index, :caseId, :startsAt, :duration, now())
                """)
                .param("deskId", deskId)
                .param("day", position.day())
                .param("index", position.index())
                .param("caseId", caseId.value())
                .param("startsAt", slot.startsAt())
                .param("duration", slot.durationMinutes())
                .update();
        Position next = calendar.next(position);
        jdbc.sql("update desk_cursor set next_day = :day, next_slot_index = :index where desk_id = :deskId")
                .param("day", next.day())
                .param("index", next.index())
                .param("deskId", deskId)
                .update();
        return slot;
    }

    private Optional<Slot> slotHeldBy(CaseId caseId) {
        return jdbc.sql("select desk_id, starts_at, duration_minutes from desk_slot where case_id = :caseId")
                .param("caseId", caseId.value())
                .query((rs, row) -> new Slot(
                        rs.getString("desk_id"),
                        rs.getObject("starts_at", LocalDateTime.class),
                        rs.getInt("duration_minutes")))
                .optional();
    }

    /** The desk's next free slot, locked until the transaction ends; a desk seen for the first time starts now. */
    private Position lockCursor(Position earliest) {
        jdbc.sql(
                        """
                insert into desk_cursor (desk_id, next_day, next_slot_index) values (:deskId, :day, :index)
                on conflict (desk_id) do nothing
                """)
                .param("deskId", deskId)
                .param("day", earliest.day())
                .param("index", earliest.index())
                .update();
        return jdbc.sql("select next_day, next_slot_index from desk_cursor where desk_id = :deskId for update")
                .param("deskId", deskId)
                .query((rs, row) ->
                        new Position(rs.getObject("next_day", LocalDate.class), rs.getInt("next_slot_index")))
                .single();
    }
}

package pt.aima.platform.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import pt.aima.fixture.cachedapp.CachedTestApplication;
import pt.aima.fixture.cachedapp.Counter;
import pt.aima.fixture.cachedapp.OtherInstance;
import pt.aima.infra.SpringTestInfrastructure;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.acting.ActingContext;
import pt.aima.platform.transaction.AbortedTransactionRefusal.AbortedTransactionException;

/**
 * The aggregate cache on a real event store, with a second instance appending to the same aggregates: a command finds
 * its aggregate cached; an entry behind the store is never used (the aggregate is read from the store instead); and an
 * append by the other instance while the command is handled makes the command collide, roll back and run once more on
 * the stored aggregate; an entry put by a command whose enclosing transaction rolls back, or is refused its commit because PostgreSQL aborted it, is dropped. A
 * transaction holding an append gives up a lock held by a command that its append blocks (see AggregateLocks). Every
 * count the counter answers is the number of events in its stream.
 */
@SpringBootTest(
        classes = CachedTestApplication.class,
        properties = {
            "spring.application.name=aggregate-cache-it",
            "aima.service.name=aggregate-cache-it",
            "aima.aggregate-locks.wait=2m"
        })
class AggregateCacheIT {

    private static final ActingContext OPERATOR =
            new ActingContext(new Actor("operator-1", "OPERATIONS"), "it-aggregate-cache", "it-aggregate-cache");

    @Autowired
    ActingCommandGateway commands;

    @Autowired
    @Qualifier("aggregateCache")
    Cache cache;

    @Autowired
    EventStore eventStore;

    @Autowired
    OtherInstance other;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.axonframework.config.Configuration axon;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SpringTestInfrastructure.registerSpringProperties(registry, "platform_aggregate_cache_it");
    }

    @Test
    void aCommandFindsItsAggregateCachedAfterTheFirst() {
        String counter = UUID.randomUUID().toString();

        assertThat(increment(counter)).isEqualTo(1);
        assertThat(cache.containsKey(counter)).isTrue();
        assertThat(increment(counter)).isEqualTo(2);
        assertThat(increment(counter)).isEqualTo(3);
        assertThat(other.timesHandled(counter)).as("no command repeated").isEqualTo(3);
    }

    @Test
    void aggregatesFindTheirCommandsTargetWithThePlatformsResolver() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CommandTargets.class);
        String counter = UUID.randomUUID().toString();

        assertThat(increment(counter)).isEqualTo(1);
        assertThat(increment(counter))
                .as("the same aggregate, found by the command's id")
                .isEqualTo(2);
        assertThat(sequenceNumbers(counter)).containsExactly(0L, 1L);
    }

    @Test
    void anEntryBehindTheStoreIsNotUsed() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);
        assertThat(cache.containsKey(counter)).isTrue();

        other.append(counter, 1);

        assertThat(increment(counter))
                .as("counted on the stored aggregate, which holds the other instance's increment")
                .isEqualTo(3);
        assertThat(other.timesHandled(counter))
                .as("the stale entry was never handed out: no collision, no repeat")
                .isEqualTo(2);
        assertThat(sequenceNumbers(counter)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void itsMetersCountHitsMissesAndEntriesBehindTheStore() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);
        double hits = gets("hit");
        double misses = gets("miss");
        double stale = gets("stale");

        increment(counter);
        assertThat(gets("hit") - hits)
                .as("the second command found its aggregate")
                .isEqualTo(1);

        other.append(counter, 2);
        increment(counter);
        assertThat(gets("stale") - stale)
                .as("the entry behind the other instance's append")
                .isEqualTo(1);

        cache.remove(counter);
        increment(counter);
        assertThat(gets("miss") - misses).as("the entry removed").isEqualTo(1);
        assertThat(gets("hit") - hits).as("no other load found an entry").isEqualTo(1);
        assertThat(meters.get("aima.aggregate.cache.size")
                        .tag("cache", "aggregate")
                        .gauge()
                        .value())
                .as("the aggregate cached again")
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("aima.aggregate.cache.evictions")
                        .functionCounter()
                        .count())
                .as("nothing reached the bounds")
                .isZero();
    }

    @Test
    void aCommandThatCollidesWithAnAppendMadeWhileItRanIsRepeatedOnTheStoredAggregate() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);

        other.appendWhileTheNextCommandIsHandled(counter);

        assertThat(increment(counter)).isEqualTo(3);
        assertThat(other.timesHandled(counter))
                .as("the second command ran twice")
                .isEqualTo(3);
        assertThat(sequenceNumbers(counter)).containsExactly(0L, 1L, 2L);
        assertThat(increment(counter))
                .as("the entry now is the stored aggregate")
                .isEqualTo(4);
    }

    @Test
    void anEntryPutInATransactionThatRollsBackIsForgotten() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);

        new TransactionTemplate(transactionManager).executeWithoutResult(outer -> {
            assertThat(increment(counter))
                    .as("the command's unit of work commits inside the outer transaction")
                    .isEqualTo(2);
            outer.setRollbackOnly();
        });

        assertThat(cache.containsKey(counter))
                .as("the entry holding the rolled-back event is gone, not left for the version check")
                .isFalse();
        assertThat(sequenceNumbers(counter)).containsExactly(0L);
        assertThat(increment(counter)).isEqualTo(2);
        assertThat(sequenceNumbers(counter)).containsExactly(0L, 1L);
    }

    /**
     * Axon's connection provider wrapper used to roll the connection itself back when a command's unit of work rolled
     * back, although the connection belonged to the larger transaction: the collision's retry then ran in a fresh
     * database transaction and everything before it in the larger one (an inbox row, the commands of earlier records
     * of a poll) was gone without an error. Now the larger transaction fails as a whole, with the collision, for its
     * owner to roll back and try again.
     */
    @Test
    void aCollisionInsideALargerTransactionNeverSilentlyUndoesWhatCameBeforeIt() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);
        UUID marker = UUID.randomUUID();
        other.appendWhileTheNextCommandIsHandled(counter);

        Throwable failed =
                catchThrowable(() -> new TransactionTemplate(transactionManager).executeWithoutResult(outer -> {
                    jdbc.sql("insert into inbox (consumer, event_id, event_type, case_id, processed_at)"
                                    + " values ('aggregate-cache-it', :id, 'Marker', :id, now())")
                            .param("id", marker)
                            .update();
                    increment(counter);
                }));

        assertThat(failed)
                .as("the larger transaction fails instead of committing half of it")
                .isInstanceOf(ConcurrencyException.class);
        assertThat(other.timesHandled(counter))
                .as("not sent again inside the aborted transaction")
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from inbox where event_id = :id")
                        .param("id", marker)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(sequenceNumbers(counter)).as("the other instance's append").containsExactly(0L, 1L);
        assertThat(increment(counter)).isEqualTo(3);
    }

    @Test
    void aCommandWhoseTransactionPostgresAbortedIsNeitherCommittedNorCached() {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);

        Throwable failed =
                catchThrowable(() -> new TransactionTemplate(transactionManager).executeWithoutResult(outer -> {
                    increment(counter);
                    try {
                        jdbc.sql("select 1 / 0").query(Integer.class).single();
                    } catch (DataAccessException swallowed) {
                        // a "log and carry on" somewhere in the transaction
                    }
                }));

        assertThat(failed)
                .as("the service's transaction manager refuses the commit the driver would report as done")
                .isInstanceOf(AbortedTransactionException.class);
        assertThat(cache.containsKey(counter)).isFalse();
        assertThat(sequenceNumbers(counter)).containsExactly(0L);
        assertThat(increment(counter)).isEqualTo(2);
    }

    @Test
    void aTransactionHoldingAnAppendNeverWaitsLongForALockHeldByACommandItsAppendBlocks() throws Exception {
        String counter = UUID.randomUUID().toString();
        assertThat(increment(counter)).isEqualTo(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstAppended = new CountDownLatch(1);
            CountDownLatch otherBlocked = new CountDownLatch(1);
            // a batch: its first command appends (uncommitted), its second is for the same aggregate
            Future<?> batch =
                    threads.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                        increment(counter);
                        firstAppended.countDown();
                        awaitQuietly(otherBlocked);
                        increment(counter);
                    }));
            firstAppended.await(30, TimeUnit.SECONDS);
            // another thread's command takes the lock, appends at the same sequence number, waits in PostgreSQL
            Future<Integer> other = threads.submit(() -> increment(counter));
            await().atMost(Duration.ofSeconds(30)).until(() -> commandsWaitingInPostgres() > 0);
            otherBlocked.countDown();

            assertThatThrownBy(() -> batch.get(30, TimeUnit.SECONDS))
                    .as("the batch gives up the lock it cannot get (waiting out aima.aggregate-locks.wait, 2 minutes,"
                            + " would time this out)")
                    .hasRootCauseInstanceOf(LockAcquisitionFailedException.class);
            assertThat(other.get(30, TimeUnit.SECONDS))
                    .as("released by the batch's rollback")
                    .isEqualTo(2);
            assertThat(sequenceNumbers(counter)).containsExactly(0L, 1L);
            assertThat(increment(counter)).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    private long commandsWaitingInPostgres() {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'")
                .query(Long.class)
                .single();
    }

    private double gets(String result) {
        return meters.get("aima.aggregate.cache.gets")
                .tags("cache", "aggregate", "result", result)
                .functionCounter()
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int increment(String counter) {
        return commands.<Integer>send(new Counter.Increment(counter), OPERATOR);
    }

    private java.util.List<Long> sequenceNumbers(String counter) {
        return eventStore
                .readEvents(counter)
                .asStream()
                .map(DomainEventMessage::getSequenceNumber)
                .toList();
    }
}

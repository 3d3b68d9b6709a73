package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.OutgoingMail;

/** The counts monitoring reads, and the two store health checks. */
class H2StoreStatisticsTest extends StoreTest {

    H2StoreStatistics statistics;

    @BeforeEach
    void setUp() throws Exception {
        statistics = new H2StoreStatistics(store.database, store.spool, clock);
    }

    @Test
    void spoolSizeCountsAcceptedMessagesUntilTheyLeaveTheSpool() throws Exception {
        assertThat(statistics.spoolSize()).isZero();
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        store.accept("a@b.example", List.of("e@d.example"), StoreFixture.message("s", "b\r\n"));
        assertThat(statistics.spoolSize()).isEqualTo(2);

        store.moveNextToOutgoing("outgoing");
        assertThat(statistics.spoolSize()).isEqualTo(1);
    }

    @Test
    void oldestReadyAgeGrowsWhileADueEntryWaitsAndIgnoresDeferredOnes() throws Exception {
        assertThat(statistics.oldestReadyAge("outgoing")).isZero();
        store.accept("a@b.example", List.of("c@d.example"), StoreFixture.message("s", "b\r\n"));
        store.moveNextToOutgoing("outgoing");
        assertThat(statistics.oldestReadyAge("outgoing")).isZero();

        clock.advance(Duration.ofMinutes(20));
        assertThat(statistics.oldestReadyAge("outgoing")).isEqualTo(Duration.ofMinutes(20));
        assertThat(statistics.oldestReadyAge("other")).isZero();

        long entry = store.queues.outgoing().claim(1).get(0);
        OutgoingMail mail = store.outgoing.load(entry).orElseThrow();
        store.outgoing.record(mail, new AttemptOutcome(mail.recipients(),
                Optional.of(clock.instant().plus(Duration.ofHours(1))), "451 4.3.0 try later",
                AttemptOutcome.Failure.NONE, AttemptOutcome.Success.NONE, Optional.empty(), true));
        store.queues.outgoing().release(entry);
        assertThat(statistics.oldestReadyAge("outgoing")).isZero();

        clock.advance(Duration.ofMinutes(61));
        assertThat(statistics.oldestReadyAge("outgoing")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void healthChecksPassOnAnOpenStoreAndFailOnAClosedOne() {
        SpoolWritableCheck writable = new SpoolWritableCheck(store.database);
        StoreHealthCheck answers = new StoreHealthCheck(store.database);
        assertThat(writable.check().status()).isEqualTo(SpoolWritableCheck.Status.HEALTHY);
        assertThat(answers.check().status()).isEqualTo(StoreHealthCheck.Status.HEALTHY);
        long probes = store.database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version WHERE version = -1")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(probes).as("the probe row was rolled back").isZero();

        store.close();
        SpoolWritableCheck.Result closed = writable.check();
        assertThat(closed.status()).isEqualTo(SpoolWritableCheck.Status.UNHEALTHY);
        assertThat(closed.cause()).isPresent();
        assertThat(answers.check().status()).isEqualTo(StoreHealthCheck.Status.UNHEALTHY);
    }
}

package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.api.spool.SpoolUnit;

/**
 * The outgoing queue is indexed by next-attempt time: 100,000 deferred messages never delay a ready one,
 * neither while running nor after a restart, and the queue never loads the deferred ones to find it.
 */
class DeferredQueueTest extends StoreTest {

    static final int DEFERRED = 100_000;

    /** Copies the single outgoing row {@code DEFERRED} times, due in a day, sharing its body. */
    void deferManyCopiesOfTheOutgoingRow() {
        long dueTomorrow = clock.millis() + Duration.ofDays(1).toMillis();
        store.database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outgoing(" + MailRecord.COLUMNS
                    + ", queue_name, next_attempt_at, failed_attempts) SELECT " + MailRecord.COLUMNS
                    + ", queue_name, ?, 1 FROM outgoing, SYSTEM_RANGE(1, ?)")) {
                ps.setLong(1, dueTomorrow);
                ps.setInt(2, DEFERRED);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE message_body SET refs = refs + ?")) {
                ps.setInt(1, DEFERRED);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outgoing WHERE failed_attempts = 0")) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Accepts a mail for {@code recipient} and hands it to the outgoing queue; returns its outgoing entry. */
    long handOff(String recipient) throws Exception {
        store.accept("a@b.example", List.of(recipient), StoreFixture.message("s", "body\r\n"));
        var queue = store.outgoing.declare(DeliverySettingsFixture.settings("outgoing"));
        long entry = store.queues.spool().claim(1).get(0);
        try (SpoolUnit unit = store.spool.open(entry).orElseThrow()) {
            queue.enqueue(unit.mail());
            unit.complete();
        }
        store.queues.spool().release(entry);
        return store.count("SELECT MAX(id) FROM outgoing");
    }

    @Test
    void aReadyMailIsTakenFirstAmongAHundredThousandDeferredOnes() throws Exception {
        handOff("late@d.example");
        store.queues.outgoing().claim(10).forEach(store.queues.outgoing()::release);
        deferManyCopiesOfTheOutgoingRow();
        assertThat(store.count("SELECT COUNT(*) FROM outgoing")).isEqualTo(DEFERRED);

        long ready = handOff("ready@d.example");

        assertThat(store.queues.outgoing().claim(10)).containsExactly(ready);
        assertThat(store.outgoing.load(ready).orElseThrow().recipients()).map(Object::toString)
                .containsExactly("ready@d.example");
    }

    @Test
    void afterARestartTheReadyMailIsStillFoundWithoutLoadingTheDeferredOnes() throws Exception {
        handOff("late@d.example");
        deferManyCopiesOfTheOutgoingRow();
        long ready = handOff("ready@d.example");
        reopenStore();

        assertThat(store.queues.outgoing().claim(10)).containsExactly(ready);
        assertThat(store.queues.outgoing().claim(10)).as("nothing else is due").isEmpty();
    }
}

package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.OutgoingMail;

/**
 * Recipients deferred only because their destination had no room are not a failed attempt: the store
 * keeps the count of failed attempts, and so the retries left, as they were.
 */
class WaitingForRoomTest extends StoreTest {

    OutgoingMail claimOutgoing() {
        long entry = store.queues.outgoing().claim(1).get(0);
        return store.outgoing.load(entry).orElseThrow();
    }

    AttemptOutcome deferred(OutgoingMail mail, Duration wait, String reason, boolean failedAttempt) {
        return new AttemptOutcome(mail.recipients(), Optional.of(clock.instant().plus(wait)), reason,
                AttemptOutcome.Failure.NONE, AttemptOutcome.Success.NONE, Optional.empty(), failedAttempt);
    }

    @Test
    void waitingForRoomLeavesTheFailedAttemptsAsTheyWere() throws Exception {
        store.accept("a@b.example", List.of("c@slow.example"), StoreFixture.message("s", "b\r\n"));
        store.moveNextToOutgoing("outgoing");

        OutgoingMail mail = claimOutgoing();
        store.outgoing.record(mail, deferred(mail, Duration.ofSeconds(1), "waiting for room at slow.example", false));
        store.queues.outgoing().release(mail.entryId());
        assertThat(store.queues.outgoing().claim(1)).as("not due before its come-back time").isEmpty();
        clock.advance(Duration.ofSeconds(1));

        OutgoingMail again = claimOutgoing();
        assertThat(again.failedAttempts()).isZero();
        assertThat(store.outgoing.entries(1).get(0).lastError()).isEqualTo("waiting for room at slow.example");
        store.outgoing.record(again, deferred(again, Duration.ofMinutes(1), "451 try later", true));
        store.queues.outgoing().release(again.entryId());
        clock.advance(Duration.ofMinutes(1));

        assertThat(claimOutgoing().failedAttempts()).isOne();
    }
}

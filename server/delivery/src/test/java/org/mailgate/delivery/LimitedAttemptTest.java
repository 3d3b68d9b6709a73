package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.testkit.ManualClock;

class LimitedAttemptTest {

    final ManualClock clock = new ManualClock();
    final DestinationLimits limits = new DestinationLimits(clock);
    final LimitedAttempt attempt = new LimitedAttempt(limits, 1, "000000002A");
    final MailAddress bob = RemoteDeliveryServiceTest.address("bob@slow.example");
    final MailAddress carol = RemoteDeliveryServiceTest.address("carol@fast.example");
    final MailAddress dave = RemoteDeliveryServiceTest.address("dave@other.example");

    /** Fills slow.example's only place. */
    DestinationLimits.Permit slowIsBusy() {
        return ((DestinationLimits.Admitted) limits.admit("slow.example", 1)).permit();
    }

    static AttemptOutcome delivered(MailAddress... recipients) {
        return new AttemptOutcome(List.of(), Optional.empty(), "", AttemptOutcome.Failure.NONE,
                new AttemptOutcome.Success(List.of(recipients), Optional.empty()), Optional.empty());
    }

    @Test
    void aDestinationWithRoomIsDeliveredToWhileItsRoomIsHeld() {
        List<RecipientResult> results = attempt.run("fast.example", List.of(carol), () -> {
            assertThat(limits.underWay("fast.example")).isOne();
            return List.of(RecipientResult.delivered(carol, "mx.fast.example", "250 ok"));
        });

        assertThat(results).extracting(RecipientResult::kind).containsExactly(RecipientResult.Kind.DELIVERED);
        assertThat(limits.underWay("fast.example")).isZero();
        AttemptOutcome outcome = delivered(carol);
        assertThat(attempt.outcome(outcome)).isSameAs(outcome);
    }

    @Test
    void theRoomIsGivenBackWhenTheDeliveryFails() {
        assertThatThrownBy(() -> attempt.run("fast.example", List.of(carol), () -> {
            throw new IllegalStateException("broken");
        })).hasMessage("broken");

        assertThat(limits.underWay("fast.example")).isZero();
    }

    @Test
    void aDestinationWithoutRoomIsNotTriedAndItsRecipientsWaitWithoutAFailedAttempt() {
        slowIsBusy();

        List<RecipientResult> results = attempt.run("slow.example", List.of(bob), () -> {
            throw new AssertionError("a busy destination must not be tried");
        });
        AttemptOutcome outcome = attempt.outcome(delivered());

        assertThat(results).isEmpty();
        assertThat(outcome.deferred()).containsExactly(bob);
        assertThat(outcome.failedAttempt()).isFalse();
        assertThat(outcome.retryAt()).contains(clock.instant().plus(DestinationLimits.BUSY_RETRY));
        assertThat(outcome.deferReason()).contains("bob@slow.example").contains("waiting for room at slow.example")
                .contains("1 deliveries under way").contains("maxConnectionsPerDestination 1");
    }

    @Test
    void whatWasDeliveredOrFailedIsKeptBesideTheWaitingRecipients() {
        slowIsBusy();
        attempt.run("slow.example", List.of(bob), List::of);
        AttemptOutcome.Failure failure = new AttemptOutcome.Failure(List.of(dave), "550 no such user",
                Optional.of("bounces"), List.of(), Optional.empty());
        AttemptOutcome attempted = new AttemptOutcome(List.of(), Optional.empty(), "", failure,
                new AttemptOutcome.Success(List.of(carol), Optional.of("sent")), Optional.empty());

        AttemptOutcome outcome = attempt.outcome(attempted);

        assertThat(outcome.delivered()).isEqualTo(attempted.delivered());
        assertThat(outcome.failure()).isEqualTo(failure);
        assertThat(outcome.deferred()).containsExactly(bob);
        assertThat(outcome.failedAttempt()).isFalse();
    }

    @Test
    void waitingRecipientsJoinThoseThatFailedTemporarilyAtTheScheduledRetry() {
        slowIsBusy();
        attempt.run("slow.example", List.of(bob), List::of);
        Instant scheduled = clock.instant().plus(Duration.ofMinutes(15));
        AttemptOutcome attempted = new AttemptOutcome(List.of(carol), Optional.of(scheduled),
                "carol@fast.example: 451 try later", AttemptOutcome.Failure.NONE, AttemptOutcome.Success.NONE,
                Optional.empty());

        AttemptOutcome outcome = attempt.outcome(attempted);

        assertThat(outcome.deferred()).containsExactly(carol, bob);
        assertThat(outcome.retryAt()).contains(scheduled);
        assertThat(outcome.failedAttempt()).as("as it would have without the waiting ones").isTrue();
        assertThat(outcome.deferReason()).startsWith("carol@fast.example: 451 try later; ")
                .contains("waiting for room at slow.example");
    }

    @Test
    void withSeveralBusyDestinationsTheEarliestComeBackIsKept() {
        slowIsBusy();
        clock.advance(Duration.ofSeconds(3));
        limits.admit("slow.example", 1); // someone waits already: bob comes back a second after them
        attempt.run("slow.example", List.of(bob), List::of);
        ((DestinationLimits.Admitted) limits.admit("other.example", 1)).permit();
        attempt.run("other.example", List.of(dave), List::of);

        AttemptOutcome outcome = attempt.outcome(delivered());

        assertThat(outcome.deferred()).containsExactly(bob, dave);
        assertThat(outcome.retryAt()).contains(clock.instant().plus(DestinationLimits.BUSY_RETRY));
    }
}

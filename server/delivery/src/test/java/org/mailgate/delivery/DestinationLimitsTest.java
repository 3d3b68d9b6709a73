package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.ManualClock;

class DestinationLimitsTest {

    final ManualClock clock = new ManualClock();
    final DestinationLimits limits = new DestinationLimits(clock);
    final Instant t0 = clock.instant();

    DestinationLimits.Permit admitted(String destination, int limit) {
        DestinationLimits.Admission admission = limits.admit(destination, limit);
        assertThat(admission).isInstanceOf(DestinationLimits.Admitted.class);
        return ((DestinationLimits.Admitted) admission).permit();
    }

    DestinationLimits.Busy busy(String destination, int limit) {
        DestinationLimits.Admission admission = limits.admit(destination, limit);
        assertThat(admission).isInstanceOf(DestinationLimits.Busy.class);
        return (DestinationLimits.Busy) admission;
    }

    @Test
    void admitsUpToTheLimitOfEachDestinationAndNoMore() {
        admitted("slow.example", 2);
        admitted("slow.example", 2);

        DestinationLimits.Busy busy = busy("slow.example", 2);
        assertThat(busy.underWay()).isEqualTo(2);
        assertThat(limits.underWay("slow.example")).isEqualTo(2);
        admitted("fast.example", 2);
        assertThat(limits.underWay("fast.example")).isOne();
    }

    @Test
    void closingAPermitMakesRoomOnceHoweverOftenItIsClosed() {
        DestinationLimits.Permit first = admitted("d.example", 2);
        admitted("d.example", 2);
        busy("d.example", 2);

        first.close();
        first.close();

        assertThat(limits.underWay("d.example")).isOne();
        admitted("d.example", 2);
        busy("d.example", 2);
    }

    @Test
    void callersWithDifferentLimitsShareOneCountPerDestination() {
        admitted("d.example", 1);

        busy("d.example", 1);
        admitted("d.example", 3);
        assertThat(busy("d.example", 2).underWay()).isEqualTo(2);
    }

    @Test
    void aBusyDestinationAnswersAtOnceWhileItsDeliveriesGoOn() throws Exception {
        int limit = 3;
        int workers = 8;
        CountDownLatch holding = new CountDownLatch(limit);
        CountDownLatch turnedAway = new CountDownLatch(workers - limit);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                switch (limits.admit("slow.example", limit)) {
                    case DestinationLimits.Admitted a -> {
                        try (DestinationLimits.Permit permit = a.permit()) {
                            mostAtOnce.accumulateAndGet(limits.underWay("slow.example"), Math::max);
                            holding.countDown();
                            finish.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    case DestinationLimits.Busy b -> turnedAway.countDown();
                }
            }));
        }

        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the limit is admitted").isTrue();
        assertThat(turnedAway.await(10, TimeUnit.SECONDS)).as("the others are answered while those deliver").isTrue();
        assertThat(limits.underWay("slow.example")).isEqualTo(limit);
        finish.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(mostAtOnce.get()).isEqualTo(limit);
        assertThat(limits.underWay("slow.example")).isZero();
    }

    @Test
    void mailTurnedAwayComesBackAfterASecondAtTheLeast() {
        admitted("d.example", 1);

        assertThat(busy("d.example", 1).comeBackAt()).isEqualTo(t0.plus(DestinationLimits.BUSY_RETRY));
    }

    @Test
    void whileNothingFinishesTheWaitingMailComesBackAtMostLimitPerSecond() {
        admitted("slow.example", 2);
        admitted("slow.example", 2);
        busy("slow.example", 2);
        clock.advance(Duration.ofSeconds(5));

        List<Instant> comeBacks = List.of(busy("slow.example", 2).comeBackAt(), busy("slow.example", 2).comeBackAt(),
                busy("slow.example", 2).comeBackAt(), busy("slow.example", 2).comeBackAt());

        Instant now = clock.instant();
        assertThat(comeBacks).containsExactly(now.plusMillis(1000), now.plusMillis(1500), now.plusMillis(2000),
                now.plusMillis(2500));
    }

    @Test
    void aDestinationThatFinishesQuicklyGetsItsWaitingMailBackAtItsPace() {
        List<DestinationLimits.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(admitted("fast.example", 4));
        }
        clock.advance(Duration.ofMillis(100));
        permits.get(0).close();
        admitted("fast.example", 4);

        Instant first = busy("fast.example", 4).comeBackAt();
        Instant second = busy("fast.example", 4).comeBackAt();

        assertThat(first).isEqualTo(clock.instant().plus(DestinationLimits.BUSY_RETRY));
        assertThat(second).as("deliveries take 100 ms, four at once: room every 25 ms")
                .isEqualTo(first.plusMillis(25));
    }

    @Test
    void deliveriesStuckInATimeoutDoNotPushTheWaitingMailFarAway() {
        admitted("d.example", 2);
        admitted("d.example", 2);
        clock.advance(Duration.ofMinutes(5));

        Instant first = busy("d.example", 2).comeBackAt();
        Instant second = busy("d.example", 2).comeBackAt();

        assertThat(first).isEqualTo(clock.instant().plus(DestinationLimits.BUSY_RETRY));
        assertThat(second).as("two per second, not one every 150 s").isEqualTo(first.plusMillis(500));
    }

    @Test
    void aDestinationWithNothingUnderWayStartsAfresh() {
        DestinationLimits.Permit permit = admitted("d.example", 1);
        clock.advance(Duration.ofSeconds(3));
        assertThat(List.of(busy("d.example", 1).comeBackAt(), busy("d.example", 1).comeBackAt(),
                busy("d.example", 1).comeBackAt())).containsExactly(t0.plusMillis(4000), t0.plusMillis(5000),
                t0.plusMillis(6000));
        permit.close();

        assertThat(limits.underWay("d.example")).isZero();
        admitted("d.example", 1);
        assertThat(busy("d.example", 1).comeBackAt()).isEqualTo(clock.instant().plus(DestinationLimits.BUSY_RETRY));
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> limits.admit("d.example", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}

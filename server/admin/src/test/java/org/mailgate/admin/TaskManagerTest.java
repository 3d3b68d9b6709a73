package org.mailgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks run one at a time in order, report progress, stop when cancelled, fail with a message, and are forgotten late. */
class TaskManagerTest {

    final TaskManager tasks = new TaskManager(Clock.systemUTC(), 2);

    @BeforeEach
    void start() {
        tasks.start();
    }

    @AfterEach
    void stop() {
        tasks.stop();
    }

    /** A task that reports once, then waits for {@code go} and reports batches until told to stop or done. */
    static Task.Work blocking(CountDownLatch started, CountDownLatch go, int batches) {
        return progress -> {
            progress.report(Map.of("done", 0));
            started.countDown();
            go.await(10, TimeUnit.SECONDS);
            int done = 0;
            while (done < batches && progress.report(Map.of("done", done + 1))) {
                done++;
            }
            return Map.of("done", done);
        };
    }

    @Test
    void aTaskWaitsRunsAndCompletesWithItsInformation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Task first = tasks.submit("first", Map.of("queue", "outgoing"), blocking(started, go, 3));
        Task second = tasks.submit("second", Map.of(), progress -> Map.of("ran", true));

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.json()).containsEntry("status", "inProgress").containsEntry("type", "first");
        assertThat(first.json().get("additionalInformation")).isEqualTo(Map.of("done", 0));
        assertThat(second.status()).isEqualTo(Task.Status.WAITING);
        assertThat(tasks.list(Optional.of(Task.Status.WAITING))).containsExactly(second);
        go.countDown();

        assertThat(second.await(10_000)).isTrue();
        assertThat(first.json()).containsEntry("status", "completed").containsKey("completedDate");
        assertThat(first.json().get("additionalInformation")).isEqualTo(Map.of("done", 3));
        assertThat(second.json().get("additionalInformation")).isEqualTo(Map.of("ran", true));
    }

    @Test
    void aCancelledTaskStopsAtItsNextReportAndAWaitingOneNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Task running = tasks.submit("long", Map.of(), blocking(started, go, 1_000_000));
        CountDownLatch ran = new CountDownLatch(1);
        Task waiting = tasks.submit("never", Map.of(), progress -> {
            ran.countDown();
            return Map.of();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        waiting.cancel();
        running.cancel();
        go.countDown();

        assertThat(running.await(10_000)).isTrue();
        assertThat(running.json()).containsEntry("status", "cancelled").containsKey("cancelledDate");
        assertThat(((Map<?, ?>) running.json().get("additionalInformation")).get("done")).isEqualTo(0);
        assertThat(waiting.status()).isEqualTo(Task.Status.CANCELLED);
        Task after = tasks.submit("after", Map.of(), progress -> Map.of());
        assertThat(after.await(10_000)).isTrue();
        assertThat(ran.getCount()).as("the cancelled waiting task never ran").isOne();
    }

    @Test
    void aStopCancelsTheWaitingTasksStopsTheRunningOneAtItsNextReportAndRefusesNewOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Task running = tasks.submit("long", Map.of(), blocking(started, go, 1_000_000));
        Task waiting = tasks.submit("waiting", Map.of(), progress -> Map.of());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofVirtual().start(tasks::stop);
        assertThat(waiting.await(10_000)).as("the waiting task cancelled at once").isTrue();
        go.countDown();

        assertThat(stopping.join(Duration.ofSeconds(10))).as("stopped once the running task reported").isTrue();
        assertThat(waiting.status()).isEqualTo(Task.Status.CANCELLED);
        assertThat(running.status()).isEqualTo(Task.Status.CANCELLED);
        assertThat(((Map<?, ?>) running.json().get("additionalInformation")).get("done")).isEqualTo(0);
        assertThatThrownBy(() -> tasks.submit("late", Map.of(), progress -> Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingTaskSaysWhyAndOnlyTheLastFinishedAreKept() throws Exception {
        Task failing = tasks.submit("failing", Map.of(), progress -> {
            throw new IllegalStateException("the store is gone");
        });
        assertThat(failing.await(10_000)).isTrue();
        assertThat(failing.json()).containsEntry("status", "failed").containsEntry("errorMessage", "the store is gone")
                .containsKey("failedDate");

        for (int i = 0; i < 3; i++) {
            assertThat(tasks.submit("t" + i, Map.of(), progress -> Map.of()).await(10_000)).isTrue();
        }

        assertThat(tasks.find(failing.id())).as("forgotten: two finished tasks are kept").isEmpty();
        assertThat(tasks.list(Optional.empty())).hasSizeLessThanOrEqualTo(3);
    }
}

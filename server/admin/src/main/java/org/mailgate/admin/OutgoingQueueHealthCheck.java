package org.mailgate.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.health.HealthCheck;
import org.mailgate.api.metrics.StoreStatistics;

/**
 * "Outgoing queue not stuck": no queue has an entry that has been due for longer than
 * {@code health.maxReadyAge}; a longer wait means delivery stopped taking work or cannot keep up.
 */
public final class OutgoingQueueHealthCheck implements HealthCheck {

    private final StoreStatistics statistics;
    private final OutgoingQueueControl queues;
    private final Duration maxReadyAge;

    public OutgoingQueueHealthCheck(StoreStatistics statistics, OutgoingQueueControl queues, Duration maxReadyAge) {
        this.statistics = statistics;
        this.queues = queues;
        this.maxReadyAge = maxReadyAge;
    }

    @Override
    public String componentName() {
        return "outgoing queue not stuck";
    }

    @Override
    public Result check() {
        List<String> stuck = new ArrayList<>();
        for (String queue : queues.outgoingQueueNames()) {
            Duration age = statistics.oldestReadyAge(queue);
            if (age.compareTo(maxReadyAge) > 0) {
                stuck.add(queue + ": oldest due entry waits for " + age.toSeconds() + " s");
            }
        }
        if (stuck.isEmpty()) {
            return Result.healthy();
        }
        return Result.unhealthy(String.join("; ", stuck) + " (health.maxReadyAge is " + maxReadyAge.toSeconds() + " s)");
    }
}

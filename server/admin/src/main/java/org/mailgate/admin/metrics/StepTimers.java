package org.mailgate.admin.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.api.metrics.StepName;
import org.mailgate.api.metrics.StepTimer;

/**
 * The timers of the pipeline's matchers and mailets. A reload builds the new pipeline while the old one
 * still runs, and the same step gets the same series in both: a timer is therefore counted by the
 * pipelines using it, and removed from the registry only when the last of them releases it.
 */
final class StepTimers {

    private final MeterRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Meter.Id, Integer> users = new HashMap<>();

    StepTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    StepTimer timer(String name, String description, StepName step) {
        lock.lock();
        try {
            Timer timer = Timer.builder(name).description(description).tag("processor", step.processor())
                    .tag("position", String.valueOf(step.position())).tag("mailet", step.mailet())
                    .tag("matcher", step.matcher()).register(registry);
            users.merge(timer.getId(), 1, Integer::sum);
            return new Handle(timer);
        } finally {
            lock.unlock();
        }
    }

    private void release(Timer timer) {
        lock.lock();
        try {
            Integer left = users.merge(timer.getId(), -1, Integer::sum);
            if (left != null && left <= 0) {
                users.remove(timer.getId());
                registry.remove(timer);
            }
        } finally {
            lock.unlock();
        }
    }

    /** One pipeline's use of a timer: released once. */
    private final class Handle implements StepTimer {
        private final Timer timer;
        private final AtomicBoolean released = new AtomicBoolean();

        Handle(Timer timer) {
            this.timer = timer;
        }

        @Override
        public void record(long nanos) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                StepTimers.this.release(timer);
            }
        }
    }
}

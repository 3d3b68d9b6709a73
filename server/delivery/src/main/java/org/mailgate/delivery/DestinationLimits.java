package org.mailgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many deliveries are under way to each destination, and room for one more, without ever waiting:
 * a delivery worker asks to be {@linkplain #admit admitted} before it talks to a destination, and when
 * the destination already has its limit of deliveries under way it is told so at once, with a time to
 * come back, and goes on with other mail. So a slow destination holds at most its limit of the workers,
 * and the others keep delivering to everyone else.
 *
 * <p>Come-back times are at least {@link #BUSY_RETRY} away. The mail turned away from one destination is
 * spread out after that, at the pace the destination's deliveries finish (their average time divided by
 * the limit; while none has finished, the age of the oldest one under way), but never slower than
 * {@code limit} per {@link #BUSY_RETRY}: however much mail waits for a busy destination, it is looked at
 * again only about as often as there can be room for it, and one delivery stuck in a long timeout cannot
 * push the waiting mail far into the future.
 *
 * <p>A destination is the caller's key: a recipient domain, or a list of gateways. So is the limit:
 * callers with different limits share one count per destination, each admitted while the count is below
 * its own limit. Thread-safe; destinations with nothing under way take no memory.
 */
public final class DestinationLimits {

    /** The shortest wait of mail turned away from a busy destination; it is not a failed attempt. */
    public static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Destinations with deliveries under way; guarded by {@link #lock}. */
    private final Map<String, Destination> destinations = new HashMap<>();

    public DestinationLimits(Clock clock) {
        this.clock = clock;
    }

    /** One destination while it has deliveries under way. */
    private static final class Destination {
        /** When each delivery under way began (epoch millis), in no particular order. */
        final List<Long> started = new ArrayList<>();
        /** Average time of the deliveries finished while busy, in ms; negative while none has. */
        long averageMillis = -1;
        /** The latest come-back time given out, epoch millis. */
        long lastComeBack = Long.MIN_VALUE;
    }

    /** The answer to a delivery that asks for room: a permit, or when to come back. */
    public sealed interface Admission permits Admitted, Busy {
    }

    /** There was room: deliver, then close the permit. */
    public record Admitted(Permit permit) implements Admission {
    }

    /**
     * No room: {@code underWay} deliveries to the destination are under way (at least the caller's limit);
     * come back at {@code comeBackAt}.
     */
    public record Busy(Instant comeBackAt, int underWay) implements Admission {
    }

    /**
     * A permit to deliver to {@code destination} if fewer than {@code limit} deliveries to it are under
     * way; otherwise when to come back. Never waits.
     */
    public Admission admit(String destination, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be positive, not " + limit);
        }
        long now = clock.millis();
        lock.lock();
        try {
            Destination d = destinations.computeIfAbsent(destination, k -> new Destination());
            if (d.started.size() < limit) {
                d.started.add(now);
                return new Admitted(new Permit(destination, now));
            }
            long pace = Math.min(d.averageMillis >= 0 ? d.averageMillis : now - oldest(d.started),
                    BUSY_RETRY.toMillis()) / limit;
            d.lastComeBack = Math.max(now + BUSY_RETRY.toMillis(), d.lastComeBack + pace);
            return new Busy(Instant.ofEpochMilli(d.lastComeBack), d.started.size());
        } finally {
            lock.unlock();
        }
    }

    private static long oldest(List<Long> started) {
        long oldest = Long.MAX_VALUE;
        for (long s : started) {
            oldest = Math.min(oldest, s);
        }
        return oldest;
    }

    /** Deliveries to {@code destination} under way now (for tests and metrics). */
    public int underWay(String destination) {
        lock.lock();
        try {
            Destination d = destinations.get(destination);
            return d == null ? 0 : d.started.size();
        } finally {
            lock.unlock();
        }
    }

    private void release(String destination, long started) {
        long now = clock.millis();
        lock.lock();
        try {
            Destination d = destinations.get(destination);
            d.started.remove(Long.valueOf(started));
            if (d.started.isEmpty()) {
                destinations.remove(destination);
                return;
            }
            long took = Math.max(0, now - started);
            d.averageMillis = d.averageMillis < 0 ? took : (3 * d.averageMillis + took) / 4;
        } finally {
            lock.unlock();
        }
    }

    /** Room for one delivery to one destination, given back by {@link #close()} (once; more calls do nothing). */
    public final class Permit implements AutoCloseable {

        private final String destination;
        private final long started;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(String destination, long started) {
            this.destination = destination;
            this.started = started;
        }

        public String destination() {
            return destination;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(destination, started);
            }
        }
    }
}

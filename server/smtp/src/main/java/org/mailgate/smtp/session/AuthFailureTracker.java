package org.mailgate.smtp.session;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failed AUTH attempts per client address, shared by the sessions of one {@code <smtpserver>}: once an
 * address has {@code limit} failures within {@code window} (counted from its first failure), its AUTH
 * is refused until the window has passed. Bounded: it remembers at most {@code capacity} addresses,
 * forgetting the least recently failed first.
 */
public final class AuthFailureTracker {

    static final int DEFAULT_CAPACITY = 10_000;

    private record Failures(Instant since, int count) {
    }

    private final int limit;
    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<InetAddress, Failures> byAddress = new LinkedHashMap<>(64, 0.75f, true);

    public AuthFailureTracker(int limit, Duration window, Clock clock) {
        this(limit, window, DEFAULT_CAPACITY, clock);
    }

    AuthFailureTracker(int limit, Duration window, int capacity, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Whether {@code address} has failed too often lately to try again now. */
    public boolean blocked(InetAddress address) {
        lock.lock();
        try {
            Failures failures = current(address);
            return failures != null && failures.count() >= limit;
        } finally {
            lock.unlock();
        }
    }

    /** Counts one failed attempt from {@code address}. */
    public void failed(InetAddress address) {
        lock.lock();
        try {
            Failures failures = current(address);
            byAddress.put(address, failures == null ? new Failures(clock.instant(), 1)
                    : new Failures(failures.since(), failures.count() + 1));
            if (byAddress.size() > capacity) {
                Map.Entry<InetAddress, Failures> eldest = byAddress.entrySet().iterator().next();
                byAddress.remove(eldest.getKey());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Addresses remembered now (for tests). */
    int size() {
        lock.lock();
        try {
            return byAddress.size();
        } finally {
            lock.unlock();
        }
    }

    /** The failures of {@code address} in the current window; expired ones are forgotten. */
    private Failures current(InetAddress address) {
        Failures failures = byAddress.get(address);
        if (failures != null && !clock.instant().isBefore(failures.since().plus(window))) {
            byAddress.remove(address);
            return null;
        }
        return failures;
    }
}

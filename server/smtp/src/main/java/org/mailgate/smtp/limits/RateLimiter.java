package org.mailgate.smtp.limits;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts events per client over a sliding minute and refuses those over the limit. The window is the
 * usual two-bucket estimate: the events of the current minute plus those of the previous minute weighted
 * by how much of it still lies within the last 60 seconds.
 *
 * <p>Memory is bounded: at most {@code maxClients} clients are tracked, the least recently seen forgotten
 * first. A flood of distinct addresses therefore cannot grow the table; a forgotten client starts again
 * from zero, which only ever errs towards letting a little more through.
 */
public final class RateLimiter {

    static final long WINDOW_MILLIS = 60_000;
    static final int DEFAULT_MAX_CLIENTS = 65_536;

    private final int perMinute;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<ClientKey, Window> windows;

    /** @param perMinute events allowed per client and minute; 0 for no limit (then nothing is tracked) */
    public RateLimiter(int perMinute, Clock clock) {
        this(perMinute, clock, DEFAULT_MAX_CLIENTS);
    }

    RateLimiter(int perMinute, Clock clock, int maxClients) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ClientKey, Window> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** One window's counts: the minute it started in, its count and the previous minute's. */
    private static final class Window {
        long minute;
        int current;
        int previous;
    }

    /** Counts one event for {@code client} if it is within the limit; returns whether it was. */
    public boolean tryAcquire(ClientKey client) {
        if (perMinute <= 0) {
            return true;
        }
        long now = clock.millis();
        long minute = Math.floorDiv(now, WINDOW_MILLIS);
        lock.lock();
        try {
            Window w = windows.computeIfAbsent(client, k -> new Window());
            if (w.minute != minute) {
                w.previous = w.minute == minute - 1 ? w.current : 0;
                w.current = 0;
                w.minute = minute;
            }
            double elapsed = (double) Math.floorMod(now, WINDOW_MILLIS) / WINDOW_MILLIS;
            double estimate = w.previous * (1 - elapsed) + w.current;
            if (estimate + 1 > perMinute) {
                return false;
            }
            w.current++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many clients are tracked (for tests of the memory bound). */
    int trackedClients() {
        lock.lock();
        try {
            return windows.size();
        } finally {
            lock.unlock();
        }
    }
}

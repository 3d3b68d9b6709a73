package org.mailgate.spool;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entries just committed, kept in memory until a consumer opens them, so that the usual path (accept,
 * then process a moment later) does not read back what it has just written. Bounded in bytes; past
 * the bound, or after a restart, entries are simply read from the table, which stays the truth.
 */
final class RecentEntries<T> {

    private record Held<T>(T entry, long bytes) {
    }

    private final ConcurrentHashMap<Long, Held<T>> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    RecentEntries(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code entry} (about {@code size} bytes) if there is room. */
    void put(long id, T entry, long size) {
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            return;
        }
        Held<T> previous = entries.put(id, new Held<>(entry, size));
        if (previous != null) {
            bytes.addAndGet(-previous.bytes());
        }
    }

    /** Takes the entry out: each is used once. */
    Optional<T> take(long id) {
        Held<T> held = entries.remove(id);
        if (held == null) {
            return Optional.empty();
        }
        bytes.addAndGet(-held.bytes());
        return Optional.of(held.entry());
    }

    /** Forgets an entry changed or removed by other means. */
    void forget(long id) {
        take(id);
    }
}

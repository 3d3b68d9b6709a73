package org.mailgate.spool;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An immutable in-memory copy of a small operator table (mappings, drop list), read on first use and
 * replaced by each change made through this process, so that reading it for every mail costs no
 * database round trip. The database is only ever opened by one Mailgate process, so the copy cannot go
 * stale. Changes are serialized; readers never wait once the copy is loaded.
 */
final class TableSnapshot<T> {

    /** What a change leaves: the next copy, and the answer for the caller. */
    record Changed<T, R>(T next, R answer) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Supplier<T> loader;
    private volatile T current;

    TableSnapshot(Supplier<T> loader) {
        this.loader = loader;
    }

    T get() {
        T copy = current;
        if (copy != null) {
            return copy;
        }
        lock.lock();
        try {
            if (current == null) {
                current = loader.get();
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code change} (which writes the database and returns the copy that matches it) with the other
     * changes held off; the copy is replaced only if the change returns normally.
     */
    <R> R change(Function<T, Changed<T, R>> change) {
        lock.lock();
        try {
            Changed<T, R> changed = change.apply(get());
            current = changed.next();
            return changed.answer();
        } finally {
            lock.unlock();
        }
    }
}

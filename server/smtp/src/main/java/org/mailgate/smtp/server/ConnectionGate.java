package org.mailgate.smtp.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open sessions of one server against {@code connectionLimit}, at accept. The per-client limits
 * wait until the real client is known (after a PROXY header): see {@link org.mailgate.smtp.limits.ClientLimits}.
 */
final class ConnectionGate {

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();

    /** A limit of 0 means no limit. */
    ConnectionGate(int limit) {
        this.limit = limit;
    }

    /** Admits a connection, or returns false (and admits nothing). */
    boolean admit() {
        if (open.incrementAndGet() > limit && limit > 0) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}

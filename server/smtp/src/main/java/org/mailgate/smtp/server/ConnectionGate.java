package org.mailgate.smtp.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;

/** Counts open sessions, in total and per client address, against the configured limits. */
final class ConnectionGate {

    private final int limit;
    private final int limitPerIp;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();

    /** Limits of 0 mean no limit. */
    ConnectionGate(int limit, int limitPerIp) {
        this.limit = limit;
        this.limitPerIp = limitPerIp;
    }

    /** Admits a connection, or returns the reply that refuses it (and admits nothing). */
    Reply admit(InetAddress client) {
        if (limit > 0 && open.incrementAndGet() > limit) {
            open.decrementAndGet();
            return Replies.TOO_MANY_CONNECTIONS;
        } else if (limit <= 0) {
            open.incrementAndGet();
        }
        int[] refused = {0};
        perIp.compute(client, (address, count) -> {
            int next = count == null ? 1 : count + 1;
            if (limitPerIp > 0 && next > limitPerIp) {
                refused[0] = 1;
                return count;
            }
            return next;
        });
        if (refused[0] == 1) {
            open.decrementAndGet();
            return Replies.TOO_MANY_FROM_YOU;
        }
        return null;
    }

    void release(InetAddress client) {
        open.decrementAndGet();
        perIp.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    int open() {
        return open.get();
    }
}

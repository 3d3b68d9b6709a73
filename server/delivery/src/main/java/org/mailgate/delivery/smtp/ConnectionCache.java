package org.mailgate.delivery.smtp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.mailgate.delivery.tls.TlsRequirement;

/**
 * Open connections to remote servers, kept after a transaction so the next message to the same server
 * does not pay for a new connection, greeting and EHLO. A connection is given out to one delivery at a
 * time, carries at most {@code maxMessages} messages, and is closed after {@code maxIdle} unused.
 * Connections are kept by what they provide, TLS included: a delivery gets only a connection opened for
 * the same TLS requirement, so a plain connection never carries mail that must go over TLS, and a
 * connection whose certificate was not checked never carries mail whose policy checks it.
 */
public final class ConnectionCache {

    /** Which connections may be shared: same address, same name given in EHLO, same TLS requirement. */
    public record Key(InetSocketAddress address, String heloName, TlsRequirement tls) {
    }

    private record Idle(SmtpConnection connection, int messages, long since) {
    }

    private final int maxMessages;
    private final Duration maxIdle;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Key, ArrayDeque<Idle>> idle = new HashMap<>();

    public ConnectionCache(int maxMessages, Duration maxIdle, Clock clock) {
        this.maxMessages = maxMessages;
        this.maxIdle = maxIdle;
        this.clock = clock;
    }

    /** A connection that already carried messages, with how many, if one is idle and fresh enough. */
    public Optional<Reused> take(Key key) {
        List<SmtpConnection> stale = new ArrayList<>();
        try {
            lock.lock();
            try {
                ArrayDeque<Idle> queue = idle.get(key);
                while (queue != null && !queue.isEmpty()) {
                    Idle candidate = queue.pollFirst();
                    if (clock.millis() - candidate.since() > maxIdle.toMillis() || candidate.connection().isClosed()
                            || key.tls().tlsRequired() && candidate.connection().tls().isEmpty()) {
                        stale.add(candidate.connection());
                    } else {
                        return Optional.of(new Reused(candidate.connection(), candidate.messages()));
                    }
                }
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        } finally {
            stale.forEach(SmtpConnection::quit);
        }
    }

    /** A connection taken from the cache, and the number of messages it carried so far. */
    public record Reused(SmtpConnection connection, int messages) {
    }

    /** Keeps a connection that is between transactions, unless it has carried enough. */
    public void give(Key key, SmtpConnection connection, int messages) {
        if (messages >= maxMessages || connection.isClosed()) {
            connection.quit();
            return;
        }
        lock.lock();
        try {
            idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(new Idle(connection, messages, clock.millis()));
        } finally {
            lock.unlock();
        }
    }

    /** Closes connections idle for longer than allowed; run now and then. */
    public void closeExpired() {
        List<SmtpConnection> expired = new ArrayList<>();
        lock.lock();
        try {
            long now = clock.millis();
            for (ArrayDeque<Idle> queue : idle.values()) {
                queue.removeIf(i -> {
                    if (now - i.since() > maxIdle.toMillis()) {
                        expired.add(i.connection());
                        return true;
                    }
                    return false;
                });
            }
            idle.values().removeIf(ArrayDeque::isEmpty);
        } finally {
            lock.unlock();
        }
        expired.forEach(SmtpConnection::quit);
    }

    /** Says QUIT on every idle connection. */
    public void closeAll() {
        List<SmtpConnection> all = new ArrayList<>();
        lock.lock();
        try {
            idle.values().forEach(q -> q.forEach(i -> all.add(i.connection())));
            idle.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(SmtpConnection::quit);
    }
}

package org.mailgate.testkit.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The messages a sink accepted, in arrival order, with a condition to wait on; thread-safe. */
final class MessageLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<String> logins = new ArrayList<>();
    private final List<String> clients = new ArrayList<>();
    private int rejected;

    void add(ReceivedMessage message) {
        lock.lock();
        try {
            messages.add(message);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void connectionFrom(String address) {
        locked(() -> clients.add(address));
    }

    List<String> clients() {
        return locked(() -> List.copyOf(clients));
    }

    void login(String account) {
        locked(() -> logins.add(account));
    }

    List<String> logins() {
        return locked(() -> List.copyOf(logins));
    }

    private <T> T locked(java.util.function.Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void countRejected() {
        lock.lock();
        try {
            rejected++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<ReceivedMessage> snapshot() {
        lock.lock();
        try {
            return List.copyOf(messages);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    int rejected() {
        lock.lock();
        try {
            return rejected;
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            messages.clear();
            rejected = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} messages are logged and returns them all.
     *
     * @param state describes the sink for the failure message (connections etc.)
     */
    List<ReceivedMessage> await(int count, Duration timeout, Supplier<String> state) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (messages.size() < count) {
                if (nanos <= 0) {
                    throw new AssertionError("expected at least " + count + " message(s) within " + timeout
                            + " but " + messages.size() + " arrived (" + rejected + " rejected by script, "
                            + state.get() + "): " + describe(messages));
                }
                nanos = changed.awaitNanos(nanos);
            }
            return List.copyOf(messages);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + count + " message(s); "
                    + messages.size() + " arrived", e);
        } finally {
            lock.unlock();
        }
    }

    private static String describe(List<ReceivedMessage> messages) {
        int shown = Math.min(messages.size(), 20);
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(messages.get(i));
        }
        if (shown < messages.size()) {
            text.append(", … ").append(messages.size() - shown).append(" more");
        }
        return text.append(']').toString();
    }
}

package org.mailgate.testkit.smtp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The failures a test has scripted for a sink; thread-safe, consulted by every session. */
final class SinkScript {

    private final ReentrantLock lock = new ReentrantLock();
    /** Pending end-of-DATA failures, one entry per message still to fail, oldest first. */
    private final Deque<ScriptedReply> failures = new ArrayDeque<>();
    private int drops;
    private final Map<String, ScriptedReply> rejectedRecipients = new ConcurrentHashMap<>();

    void failNextMessages(int count, ScriptedReply reply) {
        requireNonNegative(count);
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                failures.addLast(reply);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The failure for the message that just ended, if one is scripted; consumes it. */
    Optional<ScriptedReply> takeFailure() {
        lock.lock();
        try {
            return Optional.ofNullable(failures.pollFirst());
        } finally {
            lock.unlock();
        }
    }

    void dropConnectionDuringData(int count) {
        requireNonNegative(count);
        lock.lock();
        try {
            drops += count;
        } finally {
            lock.unlock();
        }
    }

    /** True if the message that is starting must be dropped; consumes one drop. */
    boolean takeDrop() {
        lock.lock();
        try {
            if (drops == 0) {
                return false;
            }
            drops--;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void rejectRecipient(String address, ScriptedReply reply) {
        rejectedRecipients.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** The scripted reply for this recipient, if it is to be rejected. */
    Optional<ScriptedReply> recipientRejection(String address) {
        return Optional.ofNullable(rejectedRecipients.get(address.toLowerCase(Locale.ROOT)));
    }

    void clear() {
        lock.lock();
        try {
            failures.clear();
            drops = 0;
            rejectedRecipients.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void requireNonNegative(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }
}

package org.mailgate.testkit.smtp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The failures a test has scripted for a sink; thread-safe, consulted by every session. */
final class SinkScript {

    private final ReentrantLock lock = new ReentrantLock();
    /** Pending end-of-DATA failures, one entry per message still to fail, oldest first. */
    private final Deque<ScriptedReply> failures = new ArrayDeque<>();
    private int drops;
    private final Map<String, ScriptedReply> rejectedRecipients = new ConcurrentHashMap<>();
    /** Signalled whenever a message starts or stops being held, and when held messages are let go. */
    private final Condition holdChanged = lock.newCondition();
    /** The domain whose messages are held ({@code "@domain"}, lower case); null when none is. */
    private String heldDomain;
    private int held;
    private int mostHeld;
    /** Counts the times held messages were given up because the sink stopped. */
    private long abandoned;

    /** From now on, messages with a recipient in {@code domain} wait at the end of DATA until released. */
    void holdMessagesTo(String domain) {
        lock.lock();
        try {
            heldDomain = "@" + domain.toLowerCase(Locale.ROOT);
        } finally {
            lock.unlock();
        }
    }

    /** Stops holding messages and lets the held ones be answered. */
    void releaseHeld() {
        lock.lock();
        try {
            heldDomain = null;
            holdChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits while a message to {@code recipients} is to be held. True when it may be answered; false when
     * the sink stopped meanwhile (or the thread was interrupted): the message is then dropped.
     */
    boolean awaitTurn(List<String> recipients) {
        lock.lock();
        try {
            if (!isHeld(recipients)) {
                return true;
            }
            long round = abandoned;
            held++;
            mostHeld = Math.max(mostHeld, held);
            holdChanged.signalAll();
            try {
                while (isHeld(recipients) && round == abandoned) {
                    holdChanged.await();
                }
                return round == abandoned;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                held--;
                holdChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isHeld(List<String> recipients) {
        String domain = heldDomain;
        return domain != null && recipients.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).endsWith(domain));
    }

    /** When the sink stops: every message held now is given up (still holding new ones). */
    void abandonHeld() {
        lock.lock();
        try {
            abandoned++;
            holdChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int heldCount() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    int mostHeldAtOnce() {
        lock.lock();
        try {
            return mostHeld;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code count} messages are held at once; false on timeout. */
    boolean awaitHeld(int count, Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (held < count) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = holdChanged.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

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
            heldDomain = null;
            holdChanged.signalAll();
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

package org.mailgate.smtp.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.mailgate.smtp.config.LimitsConfig;
import org.mailgate.smtp.limits.ClientKey;
import org.mailgate.smtp.limits.ClientLimits;

/**
 * The limits of one session: messages and recipients in it and (through {@link ClientLimits}) a minute
 * from its client, the errors it caused, and how long it may last. A client exempt from the volume
 * limits (an authorised network) is still held to the error and time limits.
 */
public final class SessionLimits {

    private final LimitsConfig config;
    private final ClientLimits clients;
    /** Computed once: for IPv6 it is a /64 built anew, and it is asked for at every MAIL and RCPT. */
    private final ClientKey client;
    private final boolean exempt;
    private final boolean timeLimited;
    private final long deadline;
    private int messages;
    private int recipients;
    private int errors;
    private boolean waitEndsAtDeadline;

    SessionLimits(LimitsConfig config, ClientLimits clients, InetAddress client, boolean exempt) {
        this.config = config;
        this.clients = clients;
        this.client = ClientKey.of(client);
        this.exempt = exempt;
        Duration max = config.maxSessionTime();
        this.timeLimited = !max.isZero();
        this.deadline = System.nanoTime() + max.toNanos();
    }

    /** Counts a new message (an accepted MAIL), or returns the reply that refuses it. */
    public Optional<Reply> mail() {
        if (!exempt) {
            if (config.maxMessagesPerConnection() > 0 && messages >= config.maxMessagesPerConnection()) {
                return Optional.of(Replies.TOO_MANY_MESSAGES_IN_SESSION);
            }
            if (!clients.tryMessage(client)) {
                return Optional.of(Replies.TOO_MANY_MESSAGES_A_MINUTE);
            }
        }
        messages++;
        return Optional.empty();
    }

    /** Counts a recipient about to be accepted, or returns the reply that refuses it. */
    public Optional<Reply> recipient() {
        if (!exempt) {
            if (config.maxRecipientsPerConnection() > 0 && recipients >= config.maxRecipientsPerConnection()) {
                return Optional.of(Replies.TOO_MANY_RECIPIENTS_IN_SESSION);
            }
            if (!clients.tryRecipient(client)) {
                return Optional.of(Replies.TOO_MANY_RECIPIENTS_A_MINUTE);
            }
        }
        recipients++;
        return Optional.empty();
    }

    /**
     * Counts a negative reply the client caused. A 421 ends the session anyway, and 4.3.x replies are
     * the server's own trouble (storage, shutdown): neither counts.
     */
    void replied(Reply reply) {
        if (reply.code() >= 400 && reply.code() != 421 && !reply.enhancedStatus().startsWith("4.3.")) {
            errors++;
        }
    }

    boolean tooManyErrors() {
        return config.maxErrors() > 0 && errors >= config.maxErrors();
    }

    /**
     * True once the session time is up, or when the read that just timed out was cut short by it (a
     * socket timeout may fire a moment before the deadline it was computed from).
     */
    boolean expired() {
        return timeLimited && (waitEndsAtDeadline || System.nanoTime() - deadline >= 0);
    }

    /** How long the next read may wait: the idle timeout, or less near the end of the session time. */
    int readTimeoutMillis(Duration idle) throws java.net.SocketTimeoutException {
        long left = timeLimited ? deadline - System.nanoTime() : Long.MAX_VALUE;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("session time limit reached");
        }
        long toDeadline = Math.max(1, left / 1_000_000);
        waitEndsAtDeadline = toDeadline <= idle.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.min(idle.toMillis(), toDeadline));
    }
}

package org.mailgate.api.spool;

import java.time.Duration;
import org.mailgate.api.mail.QueueId;
import org.apache.mailet.Mail;

/**
 * One spooled mail taken for processing. Every hand-off made on this thread while the unit is open
 * (into an outgoing queue, a repository, or back into the spool) belongs to the unit's transaction;
 * {@link #complete()} commits them together with the removal of the spool entry, so the mail is
 * neither lost nor duplicated by the hand-off.
 */
public interface SpoolUnit extends AutoCloseable {

    Mail mail();

    /** The queue id of the message, for the audit trail. */
    QueueId queueId();

    /** Number of earlier processing attempts that failed. */
    int failedAttempts();

    /** Removes the entry and commits every hand-off, durably. */
    void complete();

    /** Discards the hand-offs and leaves the entry to be processed again after {@code delay}. */
    void retryLater(Duration delay, String reason);

    /** Without {@link #complete()} or {@link #retryLater}: discards the hand-offs, keeps the entry. */
    @Override
    void close();
}

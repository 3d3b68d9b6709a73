package org.mailgate.api.delivery;

import java.util.List;
import java.util.Optional;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.mail.MessageParts;

/**
 * What an operator may see and do in the outgoing queues. Each change is durable when the call returns.
 * The spool (mail being processed) is shown too, read-only, as the queue {@value #SPOOL}: it may be
 * listed, counted and looked into, not acted on.
 */
public interface OutgoingQueueControl {

    /** The name the spool is shown under. */
    String SPOOL = "spool";

    /** The spool, the queues declared by this configuration and any other that still holds entries, sorted. */
    List<String> queueNames();

    /** The outgoing queues alone: {@link #queueNames()} without the spool. */
    default List<String> outgoingQueueNames() {
        return queueNames().stream().filter(name -> !name.equals(SPOOL)).toList();
    }

    /** Whether {@code queueName} is the spool, declared or holds entries. */
    default boolean exists(String queueName) {
        return queueNames().contains(queueName);
    }

    /** How many entries the queue holds. */
    default long size(String queueName) {
        return count(queueName, QueuedMailFilter.ALL);
    }

    /** Entries, soonest due first, at most {@code limit}. */
    default List<QueuedMail> list(String queueName, int limit) {
        return list(queueName, QueuedMailFilter.ALL, limit);
    }

    /** The entries {@code filter} matches, soonest due first (held ones last), at most {@code limit}. */
    List<QueuedMail> list(String queueName, QueuedMailFilter filter, int limit);

    /** How many entries {@code filter} matches. */
    long count(String queueName, QueuedMailFilter filter);

    /** One entry by its {@link QueuedMail#entryId()}. */
    Optional<QueuedMail> entry(String queueName, long entryId);

    /** The message of one entry. */
    Optional<MessageParts> message(String queueName, long entryId);

    /**
     * Applies {@code action} to one entry of an outgoing queue.
     *
     * @throws IllegalArgumentException for the spool
     */
    ActionResult apply(String queueName, long entryId, QueueAction action);

    /**
     * Applies {@code action} to every entry {@code filter} matches, in batches of a bounded size, each its
     * own transaction; {@code progress} hears after each and may stop the work. Entries under delivery at
     * that moment are skipped, as are those the action does not apply to (a release of an entry not held).
     *
     * @throws IllegalArgumentException for the spool
     */
    BatchProgress.Counts apply(String queueName, QueuedMailFilter filter, QueueAction action, BatchProgress progress);

    /** Removes the matching entries; returns how many were removed. */
    default long remove(String queueName, QueuedMailFilter filter) {
        return apply(queueName, filter, QueueAction.DELETE, BatchProgress.TO_THE_END).processed();
    }

    /** Makes every entry that waits for a later attempt due now (Postfix's flush); returns how many. */
    default long flush(String queueName) {
        return apply(queueName, QueuedMailFilter.ALL.withDelayed(true), QueueAction.FLUSH, BatchProgress.TO_THE_END)
                .processed();
    }
}

package org.mailgate.api.delivery;

import java.util.List;

/** What an operator may see and do in the outgoing queues. Each change is durable when the call returns. */
public interface OutgoingQueueControl {

    /** The queues declared by this configuration and any other that still holds entries, sorted. */
    List<String> queueNames();

    /** Whether {@code queueName} is declared or holds entries. */
    default boolean exists(String queueName) {
        return queueNames().contains(queueName);
    }

    long size(String queueName);

    /** Entries, soonest due first, at most {@code limit}. */
    List<QueuedMail> list(String queueName, int limit);

    /** Removes the matching entries; returns how many were removed. */
    long remove(String queueName, QueuedMailFilter filter);

    /** Makes every entry that waits for a later attempt due now (Postfix's flush); returns how many. */
    long flush(String queueName);
}

package org.mailgate.spool;

import java.time.Instant;
import java.util.List;
import org.mailgate.api.mail.QueueId;

/**
 * A summary of one entry of the spool or of an outgoing queue, as an operator sees it.
 *
 * @param place        the processor (spool) or outgoing queue name
 * @param lastError    why the last attempt failed, if one did
 */
public record QueueEntry(long entryId, QueueId queueId, String place, String sender, List<String> recipients,
                         int failedAttempts, Instant nextAttempt, String lastError) {

    public QueueEntry {
        recipients = List.copyOf(recipients);
    }
}

package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.mail.QueueId;

/**
 * One entry of a queue as an operator sees it, without its message.
 *
 * @param entryId      the key of the entry in its queue (stable while it is queued)
 * @param nextDelivery when the next attempt is due; empty while the entry is held
 * @param lastError    why the last attempt failed, if one did (empty string: none)
 * @param queuedAt     when the entry entered its queue
 * @param held         whether an operator holds it: it is not attempted until released
 * @param size         the size of the message in bytes
 * @param processor    for an entry of the spool, the processor it is in
 * @param underWay     whether a worker holds it at this moment (delivery, or processing for the spool):
 *                     an action that takes it out of the queue waits for the end of that attempt
 */
public record QueuedMail(long entryId, QueueId queueId, String name, MaybeSender sender, List<MailAddress> recipients,
                         int failedAttempts, Optional<Instant> nextDelivery, String lastError, Instant queuedAt,
                         boolean held, long size, Optional<String> processor, boolean underWay) {

    public QueuedMail {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(nextDelivery, "nextDelivery");
        lastError = Objects.requireNonNullElse(lastError, "");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(processor, "processor");
    }
}

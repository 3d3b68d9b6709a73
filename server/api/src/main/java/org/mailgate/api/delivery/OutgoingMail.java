package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;

/**
 * One entry of an outgoing queue, as delivery reads it.
 *
 * @param delayWarned whether the sender was already told that delivery is delayed
 */
public record OutgoingMail(long entryId, QueueId queueId, String name, String queueName, MaybeSender sender,
                           List<MailAddress> recipients, int failedAttempts, Instant queuedAt,
                           MessageParts message, boolean delayWarned) {

    public OutgoingMail {
        recipients = List.copyOf(recipients);
    }
}

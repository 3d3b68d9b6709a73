package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * One entry of an outgoing queue as an operator sees it, without its message.
 *
 * @param nextDelivery when the next attempt is due
 * @param lastError    why the last attempt failed, if one did (empty string: none)
 */
public record QueuedMail(long entryId, String name, MaybeSender sender, List<MailAddress> recipients,
                         int failedAttempts, Instant nextDelivery, String lastError) {

    public QueuedMail {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(nextDelivery, "nextDelivery");
        lastError = Objects.requireNonNullElse(lastError, "");
    }
}

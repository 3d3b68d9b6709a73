package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;

/**
 * One entry of an outgoing queue, as delivery reads it.
 *
 * @param delayWarned whether the sender was already told that delivery is delayed
 * @param dsn         the delivery status notifications the sender asked for (RFC 3461)
 * @param returnRequested whether an operator asked to return it to its sender: its recipients are failed
 *                    at once, without an attempt ({@link QueueAction.Kind#BOUNCE})
 */
public record OutgoingMail(long entryId, QueueId queueId, String name, String queueName, MaybeSender sender,
                           List<MailAddress> recipients, int failedAttempts, Instant queuedAt,
                           MessageParts message, boolean delayWarned, DsnRequest dsn, boolean returnRequested) {

    public OutgoingMail {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(dsn, "dsn");
    }

    /** How the audit trail names this mail ({@link org.mailgate.api.audit.MailAudit#label}). */
    public String auditLabel() {
        return org.mailgate.api.audit.MailAudit.label(queueId, name);
    }

    /** An entry no operator asked to return. */
    public OutgoingMail(long entryId, QueueId queueId, String name, String queueName, MaybeSender sender,
                        List<MailAddress> recipients, int failedAttempts, Instant queuedAt, MessageParts message,
                        boolean delayWarned, DsnRequest dsn) {
        this(entryId, queueId, name, queueName, sender, recipients, failedAttempts, queuedAt, message, delayWarned,
                dsn, false);
    }

    /** An entry whose sender gave no DSN parameters. */
    public OutgoingMail(long entryId, QueueId queueId, String name, String queueName, MaybeSender sender,
                        List<MailAddress> recipients, int failedAttempts, Instant queuedAt, MessageParts message,
                        boolean delayWarned) {
        this(entryId, queueId, name, queueName, sender, recipients, failedAttempts, queuedAt, message, delayWarned,
                DsnRequest.NONE);
    }
}

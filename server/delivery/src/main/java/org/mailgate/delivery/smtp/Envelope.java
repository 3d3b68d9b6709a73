package org.mailgate.delivery.smtp;

import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.dsn.DsnRequest;

/**
 * What one SMTP transaction carries: sender, recipients, message size and content, and the sender's DSN
 * parameters, passed on to a next hop that offers DSN (see {@link DsnRelay}).
 */
public record Envelope(MaybeSender sender, List<MailAddress> recipients, long size,
                       SmtpConnection.MessageWriter content, DsnRequest dsn) {

    public Envelope {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(dsn, "dsn");
    }

    /** An envelope without DSN parameters. */
    public Envelope(MaybeSender sender, List<MailAddress> recipients, long size, SmtpConnection.MessageWriter content) {
        this(sender, recipients, size, content, DsnRequest.NONE);
    }
}

package org.mailgate.delivery.smtp;

import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.dsn.DsnRequest;

/**
 * What one SMTP transaction carries: sender, recipients, message size and content, the parameters MAIL
 * adds after the SIZE it declares (e.g. {@code BODY=8BITMIME}, {@code SMTPUTF8}), and the sender's DSN
 * parameters, passed on to a next hop that offers DSN (see {@link DsnRelay}).
 */
public record Envelope(MaybeSender sender, List<MailAddress> recipients, long size,
                       SmtpConnection.MessageWriter content, List<String> mailParameters, DsnRequest dsn) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = List.copyOf(mailParameters);
        Objects.requireNonNull(dsn, "dsn");
    }

    /** An envelope whose MAIL has no parameters but SIZE, and no DSN parameters. */
    public Envelope(MaybeSender sender, List<MailAddress> recipients, long size, SmtpConnection.MessageWriter content) {
        this(sender, recipients, size, content, List.of(), DsnRequest.NONE);
    }
}

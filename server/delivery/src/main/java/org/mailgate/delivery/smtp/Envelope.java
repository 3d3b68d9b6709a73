package org.mailgate.delivery.smtp;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/** What one SMTP transaction carries: sender, recipients, message size and content. */
public record Envelope(MaybeSender sender, List<MailAddress> recipients, long size,
                       SmtpConnection.MessageWriter content) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }
}

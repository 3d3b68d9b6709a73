package org.mailgate.delivery.smtp;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * What one SMTP transaction carries: sender, recipients, message size and content, and the parameters MAIL
 * adds after the SIZE it declares (e.g. {@code BODY=8BITMIME}, {@code SMTPUTF8}).
 */
public record Envelope(MaybeSender sender, List<MailAddress> recipients, long size,
                       SmtpConnection.MessageWriter content, List<String> mailParameters) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = List.copyOf(mailParameters);
    }

    /** An envelope whose MAIL has no parameters but SIZE. */
    public Envelope(MaybeSender sender, List<MailAddress> recipients, long size, SmtpConnection.MessageWriter content) {
        this(sender, recipients, size, content, List.of());
    }
}

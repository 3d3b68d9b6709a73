package org.mailgate.api.mail;

import java.util.List;
import java.util.Objects;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * The SMTP envelope: reverse-path and forward-paths. The null reverse-path ({@code MAIL FROM:<>}) is
 * {@link MaybeSender#nullSender()}, never {@code null}.
 */
public record Envelope(MaybeSender sender, List<MailAddress> recipients) {

    public Envelope {
        Objects.requireNonNull(sender, "sender (use MaybeSender.nullSender())");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
    }
}

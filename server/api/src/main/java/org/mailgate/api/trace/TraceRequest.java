package org.mailgate.api.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * The message to trace and what the SMTP session would have said about it.
 *
 * @param remoteIp the client's address (default {@code 127.0.0.1})
 * @param authUser the user the client would have authenticated as
 * @param helo     the client's HELO/EHLO name
 * @param message  the raw RFC 5322 message: header section, empty line, body
 */
public record TraceRequest(MaybeSender sender, List<MailAddress> recipients, Optional<String> remoteIp,
                           Optional<String> authUser, Optional<String> helo, byte[] message) {

    public TraceRequest {
        Objects.requireNonNull(sender, "sender (use MaybeSender.nullSender())");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least one recipient");
        }
    }
}

package org.mailgate.api.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message as stores keep it: the header section and a body source. An unmodified spooled body is
 * shared, not copied; any other message is written out once (spilling to disk when large).
 */
public record MessageParts(byte[] headerSection, BodySource body) {

    /** Header sections are bounded; a larger one is not a mail message. */
    public static final int MAX_HEADER_SECTION = 16 * 1024 * 1024;

    public static MessageParts of(MimeMessage message) throws MessagingException {
        if (message instanceof SpooledMimeMessage spooled && spooled.unmodifiedBody().isPresent()) {
            return new MessageParts(spooled.currentHeaderSection(), spooled.unmodifiedBody().get());
        }
        try {
            SpillBuffer buffer = new SpillBuffer();
            message.writeTo(buffer);
            byte[] headers;
            try (InputStream in = buffer.open()) {
                headers = HeaderSection.split(in, MAX_HEADER_SECTION).headers();
            }
            return new MessageParts(headers, buffer.toSource(headers.length));
        } catch (IOException e) {
            throw new MessagingException("cannot write message: " + e.getMessage(), e);
        }
    }

    public long size() {
        return headerSection.length + body.size();
    }

    public SpooledMimeMessage toMimeMessage() throws MessagingException {
        return new SpooledMimeMessage(headerSection, body);
    }
}

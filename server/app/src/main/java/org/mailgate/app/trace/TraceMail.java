package org.mailgate.app.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.HeaderSection;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.spool.Arrival;
import org.mailgate.api.trace.TraceRequest;

/**
 * The mail a trace runs: the request's envelope and message with the attributes, address and host name the
 * SMTP server would have set ({@link Arrival}), in state {@code root}, as the spool would hand it over.
 * Bare LF line ends become CRLF, as SMTP would carry them.
 */
final class TraceMail {

    static final String NAME = "trace";

    private TraceMail() {
    }

    /** @throws IllegalArgumentException if the message does not start with a header section */
    static Mail of(TraceRequest request, Arrival arrival) {
        byte[] raw = crlf(request.message());
        checkHeaderSection(raw);
        HeaderSection.Split split;
        byte[] body;
        try {
            split = HeaderSection.split(new ByteArrayInputStream(raw), MessageParts.MAX_HEADER_SECTION);
            body = split.body().readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("the message cannot be read: " + e.getMessage(), e);
        }
        return MailgateMail.builder(NAME)
                .sender(request.sender())
                .recipients(request.recipients())
                .parts(new MessageParts(split.headers(), new ByteArrayBodySource(body)))
                .attributes(arrival.attributes())
                .remoteAddr(arrival.remoteAddr())
                .remoteHost(arrival.remoteHost())
                .state(Mail.DEFAULT)
                .build();
    }

    /** The first line must be a header field ({@code Name: value}); a message needs at least one. */
    private static void checkHeaderSection(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 1000), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        String first = end < 0 ? text : text.substring(0, end);
        int colon = first.indexOf(':');
        if (raw.length == 0) {
            throw new IllegalArgumentException("the message is empty; it needs a header section (Name: value lines), "
                    + "an empty line and the body");
        }
        if (colon <= 0 || !first.substring(0, colon).chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("the message does not start with a header field (Name: value): '"
                    + (first.length() > 60 ? first.substring(0, 60) + "…" : first) + "'");
        }
    }

    private static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 64);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(raw[i]);
        }
        return out.toByteArray();
    }
}

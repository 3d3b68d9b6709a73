package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.mailgate.api.mail.MessageParts;

/** Text views of an original message that notifications quote: its header section and its body. */
final class OriginalText {

    static final String CRLF = "\r\n";

    private OriginalText() {
    }

    /** The header lines, each ending with CRLF. */
    static String headers(MimeMessage message) throws MessagingException {
        StringBuilder s = new StringBuilder();
        Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            s.append(lines.nextElement()).append(CRLF);
        }
        return s.toString();
    }

    /** The body as stored (not decoded), read as UTF-8, as James quotes it. */
    static String body(MimeMessage message) throws MessagingException {
        try (InputStream in = MessageParts.of(message).body().open(0)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MessagingException("cannot read the body of the original message: " + e.getMessage(), e);
        }
    }

    /** What {@code inline} adds to a notification's text: headers, body, both or nothing. */
    static String quoted(MimeMessage message, Inclusion inline) throws MessagingException {
        return switch (inline) {
            case HEADS -> headsBlock(message);
            case BODY -> bodyBlock(message);
            case ALL -> headsBlock(message) + bodyBlock(message);
            case NONE, UNALTERED, MESSAGE -> "";
        };
    }

    private static String headsBlock(MimeMessage message) throws MessagingException {
        return "Message Headers:" + CRLF + headers(message) + CRLF;
    }

    private static String bodyBlock(MimeMessage message) throws MessagingException {
        return "Message:" + CRLF + body(message) + CRLF;
    }
}

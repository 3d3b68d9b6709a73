package org.mailgate.mailets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.mailet.Mail;

/** Produced mail as a receiver sees it: written out, then parsed again with a fresh session. */
final class Reparsed {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Reparsed() {
    }

    static MimeMessage message(Mail mail) throws MessagingException, IOException {
        return parse(bytes(mail.getMessage()));
    }

    static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    static Multipart multipart(Part part) throws MessagingException, IOException {
        return (Multipart) part.getContent();
    }

    static BodyPart part(Part part, int index) throws MessagingException, IOException {
        return multipart(part).getBodyPart(index);
    }

    /** The decoded content of a part as text, whatever its type. */
    static String text(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A {@code message/rfc822} part's message. */
    static MimeMessage attached(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return parse(in.readAllBytes());
        }
    }
}

package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.SpooledMimeMessage;

/**
 * What the content-changing mailets share so that a changed message stays valid MIME and keeps the
 * headers it arrived with.
 */
final class MessageChanges {

    private static final String MESSAGE_ID = "Message-ID";
    private static final String DATE = "Date";
    private static final byte[] CRLF = {'\r', '\n'};

    private MessageChanges() {
    }

    /**
     * The multipart content of {@code part}, if it has one. Jakarta Mail keeps a parsed preamble with
     * the platform's line breaks and would write them back as bare LFs; they are made CRLF here, since
     * any multipart read may be written anew once something around it changes.
     */
    static Optional<MimeMultipart> multipart(Part part) throws MessagingException, IOException {
        if (!part.isMimeType("multipart/*") || !(part.getContent() instanceof MimeMultipart multipart)) {
            return Optional.empty();
        }
        String preamble = multipart.getPreamble();
        if (preamble != null) {
            multipart.setPreamble(preamble.replaceAll("\r?\n|\r", "\r\n"));
        }
        return Optional.of(multipart);
    }

    /**
     * Commits a content change: Jakarta Mail updates the MIME headers of the changed parts
     * ({@code saveChanges}), and the message keeps the Message-ID it arrived with and gains no Date
     * header it did not have. A spooled message is then settled into its stored form again (written
     * once, the mail given the result), so that it is not re-saved on every write and later copies
     * share its body.
     */
    static void save(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String[] ids = message.getHeader(MESSAGE_ID);
        boolean dated = message.getHeader(DATE) != null;
        message.saveChanges();
        if (ids != null && !Arrays.equals(ids, message.getHeader(MESSAGE_ID))) {
            message.setHeader(MESSAGE_ID, ids[0]);
            for (int i = 1; i < ids.length; i++) {
                message.addHeader(MESSAGE_ID, ids[i]);
            }
        }
        if (!dated) {
            message.removeHeader(DATE);
        }
        if (message instanceof SpooledMimeMessage) {
            MessageParts written = MessageParts.of(message);
            byte[] headers = dated ? written.headerSection() : withoutDate(written.headerSection());
            mail.setMessage(new MessageParts(headers, written.body()).toMimeMessage());
        }
    }

    /** The header section without its Date fields, every other line kept as it is. */
    private static byte[] withoutDate(byte[] headerSection) throws MessagingException {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(headerSection));
        headers.removeHeader(DATE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerSection.length);
        for (String line : Collections.list(headers.getAllHeaderLines())) {
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }
}

package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.SpooledMimeMessage;
import org.mailgate.testkit.mailet.FakeMail;

/**
 * Mails made from raw message text, stored as the spool stores them (so the mailet sees a
 * {@link SpooledMimeMessage}), and the checks the editing mailets' tests share: what the message
 * writes out, and that what it writes out parses again as valid MIME.
 */
final class RawMails {

    private RawMails() {
    }

    /** A mail whose message is {@code text}, its lines given with LF or CRLF and stored with CRLF. */
    static MailgateMail of(String text) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        int split = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        byte[] headers = java.util.Arrays.copyOf(bytes, split);
        byte[] body = java.util.Arrays.copyOfRange(bytes, split, bytes.length);
        return MailgateMail.builder("MAIL1")
                .sender(MaybeSender.of(FakeMail.address("sender@corp.example")))
                .recipients(List.of(FakeMail.address("rcpt@far.example")))
                .parts(new MessageParts(headers, new ByteArrayBodySource(body)))
                .build();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no empty line ends the header section");
    }

    /** The text as the raw mail stores it (CRLF line ends). */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** What the mail's message writes out, read as UTF-8. */
    static String written(Mail mail) throws Exception {
        return new String(bytes(mail), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    /**
     * The written message parsed again, after checking that it is valid MIME: only ASCII or UTF-8
     * lines of at most 998 bytes ending in CRLF, every multipart complete and non-empty, every plain text
     * and HTML part readable in its charset.
     */
    static MimeMessage reparsed(Mail mail) throws Exception {
        byte[] bytes = bytes(mail);
        checkLines(bytes);
        MimeMessage message = new MimeMessage(SpooledMimeMessage.session(), new ByteArrayInputStream(bytes));
        checkPart(message);
        return message;
    }

    private static void checkLines(byte[] bytes) {
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d is followed by LF", i).isTrue();
                i++;
                lineLength = 0;
            } else {
                assertThat(bytes[i]).as("bare LF at %d", i).isNotEqualTo((byte) '\n');
                lineLength++;
                assertThat(lineLength).as("line length at %d", i).isLessThanOrEqualTo(998);
            }
        }
    }

    private static void checkPart(Part part) throws Exception {
        Object content = part.getContent();
        if (part.isMimeType("multipart/*")) {
            assertThat(content).isInstanceOf(MimeMultipart.class);
            MimeMultipart multipart = (MimeMultipart) content;
            assertThat(multipart.isComplete()).as("multipart has its closing boundary").isTrue();
            assertThat(multipart.getCount()).as("multipart has parts").isPositive();
            for (int i = 0; i < multipart.getCount(); i++) {
                checkPart(multipart.getBodyPart(i));
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            assertThat(content).isInstanceOf(String.class);
        } else {
            try (InputStream in = part.getInputStream()) {
                in.readAllBytes();
            }
        }
    }

    /** The decoded text of a text part (or single-part message). */
    static String text(Part part) throws Exception {
        return (String) part.getContent();
    }

    /** Part {@code index} of a multipart part. */
    static BodyPart part(Part multipart, int index) throws Exception {
        return ((Multipart) multipart.getContent()).getBodyPart(index);
    }

    /** How many parts a multipart part has. */
    static int count(Part multipart) throws Exception {
        return ((Multipart) multipart.getContent()).getCount();
    }
}

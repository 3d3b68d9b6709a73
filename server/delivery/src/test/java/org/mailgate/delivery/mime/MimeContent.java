package org.mailgate.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/** Test checks of converted messages, through Jakarta Mail's parser. */
public final class MimeContent {

    private MimeContent() {
    }

    public static MimeMessage parse(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }

    /** Asserts that no byte is above 127 and no line is longer than 998 characters (RFC 5322 2.1.1). */
    public static void assertSevenBit(byte[] message) {
        int column = 0;
        for (int i = 0; i < message.length; i++) {
            assertThat(message[i] >= 0).as("byte %d is 8-bit", i).isTrue();
            column = message[i] == '\n' ? 0 : column + 1;
            assertThat(column).as("line length at byte %d", i).isLessThanOrEqualTo(1000);
        }
    }

    /**
     * Asserts that both messages have the same MIME structure, the same content types and, part by part, the
     * same decoded content (bytes), encapsulated messages included.
     */
    public static void assertSameDecodedContent(byte[] original, byte[] converted) throws Exception {
        assertSamePart(parse(original), parse(converted), "message");
    }

    private static void assertSamePart(Part original, Part converted, String where) throws Exception {
        assertThat(converted.getContentType()).as("content type of %s", where).isEqualTo(original.getContentType());
        if (original.isMimeType("multipart/*")) {
            Multipart a = (Multipart) original.getContent();
            Multipart b = (Multipart) converted.getContent();
            assertThat(b.getCount()).as("parts of %s", where).isEqualTo(a.getCount());
            for (int i = 0; i < a.getCount(); i++) {
                assertSamePart(a.getBodyPart(i), b.getBodyPart(i), where + "." + (i + 1));
            }
        } else if (original.isMimeType("message/rfc822")) {
            assertSamePart((Part) original.getContent(), (Part) converted.getContent(), where + " (attached)");
        } else {
            assertThat(converted.getInputStream().readAllBytes()).as("decoded content of %s", where)
                    .isEqualTo(original.getInputStream().readAllBytes());
        }
    }
}

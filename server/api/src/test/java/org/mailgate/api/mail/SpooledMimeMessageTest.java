package org.mailgate.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpooledMimeMessageTest {

    static final String HEADERS = "Received: from a\r\n\tby b; Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "SUBJECT: Caf\u00e9 =?utf-8?q?r=C3=A9sum=C3=A9?=\r\n"
            + "Bcc-Note: not a bcc\r\n"
            + "bcc : hidden@example.org\r\n"
            + "X-Long: part one\r\n  part two\r\n"
            + "\r\n";
    static final String BODY = "line\r\n.dot\r\n\r\nend\r\n";

    static SpooledMimeMessage message() throws Exception {
        return new SpooledMimeMessage(HEADERS.getBytes(StandardCharsets.ISO_8859_1),
                new ByteArrayBodySource(BODY.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String written(SpooledMimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUntouchedMessageIsWrittenByteForByte() throws Exception {
        assertThat(written(message())).isEqualTo(HEADERS + BODY);
    }

    @Test
    void headerLookupsAreCaseInsensitiveAndExact() throws Exception {
        SpooledMimeMessage m = message();
        assertThat(m.getHeader("Subject")).hasSize(1);
        assertThat(m.getHeader("X-Missing")).isNull();
        assertThat(m.getHeader("Bcc", ",")).isEqualTo("hidden@example.org");
        assertThat(written(m)).isEqualTo(HEADERS + BODY);
    }

    @Test
    void aMissingHeaderIsAnsweredWithoutParsingOrChangingAnything() throws Exception {
        SpooledMimeMessage m = message();
        assertThat(m.getHeader("Reply-To")).isNull();
        assertThat(m.headersModified()).isFalse();
        assertThat(written(m)).isEqualTo(HEADERS + BODY);
    }

    @Test
    void removingAHeaderKeepsEveryOtherLineAsItWas() throws Exception {
        SpooledMimeMessage m = message();
        m.removeHeader("Bcc");
        assertThat(written(m)).isEqualTo(HEADERS.replace("bcc : hidden@example.org\r\n", "") + BODY);
        assertThat(m.totalSize()).isEqualTo(written(m).length());
    }

    @Test
    void copiesShareTheBodyButNotTheHeaders() throws Exception {
        SpooledMimeMessage m = message();
        SpooledMimeMessage copy = m.copy();
        copy.setHeader("X-Copy", "yes");
        assertThat(written(m)).doesNotContain("X-Copy");
        assertThat(written(copy)).contains("X-Copy: yes\r\n").endsWith(BODY);
    }

    @Test
    void replacedContentIsEncodedAndKeepsTheMessageId() throws Exception {
        SpooledMimeMessage m = new SpooledMimeMessage(("Message-ID: <keep@example.org>\r\nSubject: s\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), new ByteArrayBodySource("old\r\n".getBytes(StandardCharsets.US_ASCII)));
        m.setText("new text", "UTF-8");
        String out = written(m);
        assertThat(out).contains("Message-ID: <keep@example.org>").contains("new text").doesNotContain("old");
        assertThat(m.unmodifiedBody()).isEmpty();
    }

    @Test
    void replacedContentGetsNoDateTheSenderLeftOutAndKeepsOneItGave() throws Exception {
        SpooledMimeMessage without = new SpooledMimeMessage("Subject: s\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayBodySource("old\r\n".getBytes(StandardCharsets.US_ASCII)));
        without.setText("new text", "UTF-8");
        written(without);
        assertThat(written(without)).doesNotContain("Date:").contains("new text");

        String date = "Date: Mon, 23 Nov 2026 10:00:00 +0000";
        SpooledMimeMessage with = new SpooledMimeMessage((date + "\r\nSubject: s\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), new ByteArrayBodySource("old\r\n".getBytes(StandardCharsets.US_ASCII)));
        with.setText("new text", "UTF-8");
        assertThat(written(with)).contains(date + "\r\n");
    }
}

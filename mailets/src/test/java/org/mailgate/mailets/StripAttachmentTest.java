package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class StripAttachmentTest {

    private static final String PDF = """
            --b
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQgZmFrZSBwZGYgYnl0ZXMgAAEC/w==
            """;

    private static final String MESSAGE = """
            Message-ID: <1@corp.example>
            Subject: quarterly
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            Preamble.
            --b
            Content-Type: text/plain; charset=us-ascii

            See attached.
            """ + PDF + """
            --b
            Content-Type: application/vnd.ms-excel
            Content-Disposition: attachment; filename="data.xls"
            Content-Transfer-Encoding: base64

            iVBORyBmYWtl
            --b
            Content-Type: text/calendar; method=REQUEST

            BEGIN:VCALENDAR
            END:VCALENDAR
            --b--
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private StripAttachment mailet(FakeMailetConfig config) throws MessagingException {
        StripAttachment mailet = new StripAttachment();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("StripAttachment", context);
    }

    private static List<String> removed(Mail mail) {
        List<String> names = new ArrayList<>();
        mail.getAttribute(AttributeName.of(StripAttachment.REMOVED_ATTRIBUTE))
                .ifPresent(a -> ((Collection<?>) a.getValue().value())
                        .forEach(v -> names.add((String) ((AttributeValue<?>) v).value())));
        return names;
    }

    private static List<String> contentTypes(MimeMessage message) throws Exception {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < RawMails.count(message); i++) {
            types.add(RawMails.part(message, i).getContentType().replaceAll(";.*", ""));
        }
        return types;
    }

    @Test
    void removesTheMatchedAttachmentAndListsItKeepingTheRestByteForByte() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("pattern", ".*\\.xls").param("remove", "matched")).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(contentTypes(reparsed)).containsExactly("text/plain", "application/pdf", "text/calendar");
        assertThat(RawMails.written(mail)).contains(RawMails.crlf(PDF)).contains("Preamble.\r\n");
        assertThat(reparsed.getMessageID()).isEqualTo("<1@corp.example>");
        assertThat(reparsed.getSubject()).isEqualTo("quarterly");
        assertThat(reparsed.getHeader("Date")).isNull();
        assertThat(removed(mail)).containsExactly("data.xls");
    }

    @Test
    void notpatternMatchesEveryAttachmentWhoseNameIsNotAllowedButNotTheBody() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("notpattern", ".*\\.pdf").param("remove", "matched")).service(mail);

        assertThat(contentTypes(RawMails.reparsed(mail))).containsExactly("text/plain", "application/pdf", "text/calendar");
        assertThat(removed(mail)).containsExactly("data.xls");
    }

    @Test
    void mimeTypeMatchesPartsWithoutAFileName() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("mimeType", "text/calendar").param("remove", "matched")).service(mail);

        assertThat(contentTypes(RawMails.reparsed(mail))).containsExactly("text/plain", "application/pdf",
                "application/vnd.ms-excel");
        assertThat(removed(mail)).singleElement().asString().matches("[0-9a-f-]{36}");
    }

    @Test
    void withoutRemoveTheMessageIsUntouchedAndMatchedPartsAreKeptInTheAttribute() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("pattern", ".*\\.pdf").param("attribute", "org.example.attachments")).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(MESSAGE));
        assertThat(removed(mail)).isEmpty();
        Map<?, ?> kept = (Map<?, ?>) mail.getAttribute(AttributeName.of("org.example.attachments")).orElseThrow()
                .getValue().value();
        assertThat(kept.keySet().stream().map(Object::toString).toList()).containsExactly("report.pdf");
        byte[] bytes = (byte[]) ((AttributeValue<?>) kept.get("report.pdf")).value();
        MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(bytes));
        assertThat(part.getFileName()).isEqualTo("report.pdf");
        assertThat(part.getInputStream().readAllBytes()).startsWith("%PDF-1.4".getBytes());
    }

    @Test
    void removeAllRemovesEveryAttachmentButKeepsTheMessageBody() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("pattern", "nothing-matches").param("remove", "all")).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(contentTypes(reparsed)).containsExactly("text/plain", "text/calendar");
        assertThat(RawMails.text(RawMails.part(reparsed, 0))).isEqualTo("See attached.");
        assertThat(removed(mail)).containsExactly("report.pdf", "data.xls");
    }

    @Test
    void aNestedMultipartLeftEmptyIsRemovedAndAnEmptiedMessageBecomesEmptyText() throws Exception {
        String nested = """
                Message-ID: <2@corp.example>
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                body
                --outer
                Content-Type: multipart/mixed; boundary="inner"

                --inner
                Content-Type: application/octet-stream; name="a.exe"

                MZ
                --inner
                Content-Type: application/octet-stream; name="b.exe"

                MZ
                --inner--
                --outer--
                """;
        Mail mail = RawMails.of(nested);
        Mail onlyAttachment = RawMails.of("""
                Message-ID: <3@corp.example>
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: application/octet-stream; name="c.exe"

                MZ
                --b--
                """);
        StripAttachment mailet = mailet(config().param("pattern", ".*\\.exe").param("remove", "matched"));

        mailet.service(mail);
        mailet.service(onlyAttachment);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(contentTypes(reparsed)).containsExactly("text/plain");
        assertThat(removed(mail)).containsExactly("a.exe", "b.exe");
        MimeMessage emptied = RawMails.reparsed(onlyAttachment);
        assertThat(emptied.isMimeType("text/plain")).isTrue();
        assertThat(RawMails.text(emptied)).isEmpty();
        assertThat(emptied.getMessageID()).isEqualTo("<3@corp.example>");
    }

    @Test
    void encodedFileNamesMatchDecodedAndAreReportedDecodedWhenAsked() throws Exception {
        String encoded = """
                Message-ID: <4@corp.example>
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                body
                --b
                Content-Type: application/vnd.ms-excel
                Content-Disposition: attachment; filename="=?UTF-8?Q?r=C3=A9sum=C3=A9.xls?="

                data
                --b--
                """;
        Mail raw = RawMails.of(encoded);
        Mail decoded = RawMails.of(encoded);

        mailet(config().param("pattern", "résumé\\.xls").param("remove", "matched")).service(raw);
        mailet(config().param("pattern", "résumé\\.xls").param("remove", "matched").param("decodeFilename", "true"))
                .service(decoded);

        assertThat(removed(raw)).containsExactly("=?UTF-8?Q?r=C3=A9sum=C3=A9.xls?=");
        assertThat(removed(decoded)).containsExactly("résumé.xls");
    }

    @Test
    void replaceFilenamePatternRewritesNamesBeforeMatching() throws Exception {
        Mail mail = RawMails.of(MESSAGE.replace("data.xls", "Q3 data.xls"));

        mailet(config().param("pattern", "Q3_data\\.xls").param("remove", "matched")
                .param("replaceFilenamePattern", "/ /_/r/")).service(mail);

        assertThat(removed(mail)).containsExactly("Q3_data.xls");
    }

    @Test
    void aSinglePartMessageIsLeftAlone() throws Exception {
        String raw = "Message-ID: <5@corp.example>\nContent-Type: application/pdf; name=\"x.pdf\"\n\nJVBE\n";
        Mail mail = RawMails.of(raw);

        mailet(config().param("pattern", ".*").param("remove", "all")).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(raw));
        assertThat(removed(mail)).isEmpty();
    }

    @Test
    void refusesDirectoryAndConfigurationsJamesWouldRunWith() {
        assertThatThrownBy(() -> mailet(config().param("pattern", ".*").param("directory", "/tmp/attachments")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("directory is not offered")
                .hasMessageContaining("does not write attachments to disk");
        assertThatThrownBy(() -> mailet(config().param("remove", "all")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("pattern, notpattern and mimeType");
        assertThatThrownBy(() -> mailet(config().param("pattern", ".*").param("remove", "some")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("remove must be no, matched or all");
        assertThatThrownBy(() -> mailet(config().param("pattern", "*.xls")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("pattern is not a regular expression");
        assertThatThrownBy(() -> mailet(config().param("pattern", "a").param("notpattern", "a")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("the same");
        assertThatThrownBy(() -> mailet(config().param("mimeType", "calendar")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("mimeType");
        assertThatThrownBy(() -> mailet(config().param("pattern", ".*").param("replaceFilenamePattern", "/a/b/")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("replaceFilenamePattern");
    }
}

package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.SpooledMimeMessage;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class AddFooterTest {

    private static final String FOOTER = "-- \nSent through corp.example";

    private static final String PLAIN = """
            Message-ID: <1@corp.example>
            Subject: hello
            X-Trace: kept
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii
            Content-Transfer-Encoding: 7bit

            Hello
            """;

    private static final String ALTERNATIVE_IN_MIXED = """
            Message-ID: <2@corp.example>
            Subject: report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is a multi-part message in MIME format.
            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: base64

            R3LDvMOfZSBhdXMgS8O2bG4NClp3ZWl0ZSBaZWlsZQ0K
            --inner
            Content-Type: text/html; charset=ISO-8859-1
            Content-Transfer-Encoding: quoted-printable

            <html><BODY><p>Caf=E9</p></BODY></html>
            --inner--

            --outer
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQgZmFrZSBwZGYgYnl0ZXMgAAEC/w==
            --outer--
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private AddFooter mailet(FakeMailetConfig config) throws MessagingException {
        AddFooter mailet = new AddFooter();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("AddFooter", context);
    }

    private AddFooter textFooter(String text) throws MessagingException {
        return mailet(config().param("text", text));
    }

    private static String plainWith(String contentHeaders, String body) {
        return "Message-ID: <3@corp.example>\nSubject: hello\nMIME-Version: 1.0\n" + contentHeaders + "\n\n" + body;
    }

    @Test
    void plainTextGetsTheFooterOnANewLineAndKeepsItsHeaders() throws Exception {
        Mail mail = RawMails.of(PLAIN);

        textFooter(FOOTER).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: hello
                X-Trace: kept
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii
                Content-Transfer-Encoding: 7bit

                Hello
                -- \nSent through corp.example"""));
        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(RawMails.text(reparsed)).isEqualTo("Hello\r\n-- \r\nSent through corp.example");
    }

    @Test
    void aMessageNotFromTheSpoolAlsoKeepsItsMessageIdAndGetsNoDate() throws Exception {
        MimeMessage parsed = new MimeMessage(SpooledMimeMessage.session(),
                new ByteArrayInputStream(RawMails.crlf(PLAIN).getBytes(StandardCharsets.UTF_8)));
        Mail mail = MailgateMail.builder("MAIL2").message(parsed).build();

        textFooter(FOOTER).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getMessageID()).isEqualTo("<1@corp.example>");
        assertThat(reparsed.getHeader("Date")).isNull();
        assertThat(reparsed.getHeader("X-Trace")).containsExactly("kept");
        assertThat(RawMails.text(reparsed)).isEqualTo("Hello\r\n-- \r\nSent through corp.example");
    }

    @Test
    void htmlGetsTheEscapedTextFooterBeforeTheClosingBodyTag() throws Exception {
        Mail mail = RawMails.of(plainWith("Content-Type: text/html; charset=us-ascii",
                "<html><body><p>Hi</p></body></html>\n"));

        textFooter("a < b\nc").service(mail);

        assertThat(RawMails.text(RawMails.reparsed(mail)))
                .isEqualTo("<html><body><p>Hi</p><br />a &lt; b<br />c</body></html>\r\n");
    }

    @Test
    void theHtmlParameterIsUsedAsGivenForHtmlParts() throws Exception {
        Mail mail = RawMails.of(ALTERNATIVE_IN_MIXED);

        mailet(config().param("text", "plain footer").param("html", "<p><b>html</b> footer</p>")).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        BodyPart alternative = RawMails.part(reparsed, 0);
        assertThat(RawMails.text(RawMails.part(alternative, 0))).endsWith("Zweite Zeile\r\nplain footer");
        assertThat(RawMails.text(RawMails.part(alternative, 1)))
                .isEqualTo("<html><BODY><p>Café</p><p><b>html</b> footer</p></BODY></html>");
    }

    @Test
    void withOnlyAnHtmlFooterPlainTextIsLeftAloneAndTheMailIsLogged() throws Exception {
        Mail mail = RawMails.of(PLAIN);

        mailet(config().param("html", "<p>footer</p>")).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(PLAIN));
        assertThat(context.logged()).singleElement().asString().startsWith("INFO AddFooter: unable to add footer to mail MAIL1")
                .contains("left unchanged");
    }

    @Test
    void everyAlternativeOfTheFirstMixedPartGetsTheFooterAndTheAttachmentIsKeptByteForByte() throws Exception {
        Mail mail = RawMails.of(ALTERNATIVE_IN_MIXED);

        textFooter("Grüße vom Gateway").service(mail);

        String written = RawMails.written(mail);
        assertThat(written).contains(RawMails.crlf("""
                Content-Type: application/pdf; name="report.pdf"
                Content-Disposition: attachment; filename="report.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQgZmFrZSBwZGYgYnl0ZXMgAAEC/w==
                """));
        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getMessageID()).isEqualTo("<2@corp.example>");
        assertThat(reparsed.getSubject()).isEqualTo("report");
        assertThat(RawMails.count(reparsed)).isEqualTo(2);
        BodyPart alternative = RawMails.part(reparsed, 0);
        assertThat(RawMails.count(alternative)).isEqualTo(2);

        BodyPart plain = RawMails.part(alternative, 0);
        assertThat(plain.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(new ContentType(plain.getContentType()).getParameter("charset")).isEqualTo("UTF-8");
        assertThat(RawMails.text(plain)).isEqualTo("Grüße aus Köln\r\nZweite Zeile\r\nGrüße vom Gateway");

        BodyPart html = RawMails.part(alternative, 1);
        assertThat(html.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(new ContentType(html.getContentType()).getParameter("charset")).isEqualTo("ISO-8859-1");
        assertThat(RawMails.text(html)).isEqualTo("<html><BODY><p>Café</p><br />Grüße vom Gateway</BODY></html>");
        assertThat(written).contains("Gr=FC=DFe vom Gateway");

        BodyPart pdf = RawMails.part(reparsed, 1);
        assertThat(pdf.getFileName()).isEqualTo("report.pdf");
    }

    @Test
    void sevenBitAsciiTextGainingNonAsciiBecomesUtf8QuotedPrintable() throws Exception {
        Mail mail = RawMails.of(PLAIN);

        textFooter("Prix : 5 €").service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(new ContentType(reparsed.getContentType()).getParameter("charset")).isEqualTo("UTF-8");
        assertThat(RawMails.text(reparsed)).isEqualTo("Hello\r\nPrix : 5 €");
        assertThat(RawMails.written(mail)).isASCII();
    }

    @Test
    void eightBitTextKeepsItsCharsetAndEncoding() throws Exception {
        Mail mail = RawMails.of(plainWith("Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit",
                "Grüße\n"));

        textFooter("Tschüss").service(mail);

        assertThat(RawMails.written(mail)).endsWith("\r\n\r\nGrüße\r\nTschüss");
        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(RawMails.text(reparsed)).isEqualTo("Grüße\r\nTschüss");
    }

    @Test
    void aPartInAnUnknownCharsetLeavesTheWholeMessageUnchanged() throws Exception {
        String message = ALTERNATIVE_IN_MIXED.replace("charset=ISO-8859-1", "charset=x-no-such-charset");
        Mail mail = RawMails.of(message);

        textFooter(FOOTER).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(message));
        assertThat(context.logged()).singleElement().asString().contains("MAIL1").contains("x-no-such-charset")
                .contains("left unchanged");
    }

    @Test
    void eightBitTextWithoutACharsetIsLeftUnchanged() throws Exception {
        String message = plainWith("Content-Type: text/plain", "Grüße\n");
        Mail mail = RawMails.of(message);

        textFooter(FOOTER).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(message));
        assertThat(context.logged()).singleElement().asString().contains("no charset declared");
    }

    @Test
    void aMessageWithoutTextIsLeftUnchangedAndLogged() throws Exception {
        String message = plainWith("Content-Type: image/png\nContent-Transfer-Encoding: base64", "iVBORyBmYWtl\n");
        Mail mail = RawMails.of(message);

        textFooter(FOOTER).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(message));
        assertThat(context.logged()).singleElement().asString().contains("no text or HTML part");
    }

    @Test
    void signedMessagesAndTextAttachmentsAreNotTouched() throws Exception {
        String signed = """
                Message-ID: <4@corp.example>
                MIME-Version: 1.0
                Content-Type: multipart/signed; protocol="application/pgp-signature"; boundary="s"

                --s
                Content-Type: text/plain; charset=us-ascii

                Signed text
                --s
                Content-Type: application/pgp-signature

                sig
                --s--
                """;
        String attachedText = """
                Message-ID: <5@corp.example>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain; charset=us-ascii
                Content-Disposition: attachment; filename="notes.txt"

                notes
                --m--
                """;
        Mail signedMail = RawMails.of(signed);
        Mail attachedMail = RawMails.of(attachedText);

        textFooter(FOOTER).service(signedMail);
        textFooter(FOOTER).service(attachedMail);

        assertThat(RawMails.written(signedMail)).isEqualTo(RawMails.crlf(signed));
        assertThat(RawMails.written(attachedMail)).isEqualTo(RawMails.crlf(attachedText));
        assertThat(context.logged()).hasSize(2);
    }

    @Test
    void needsATextOrHtmlFooterAndRefusesOtherParameters() {
        assertThatThrownBy(() -> mailet(config()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("text or an html footer");
        assertThatThrownBy(() -> mailet(config().param("text", "x").param("file", "footer.txt")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unknown parameter file");
    }
}

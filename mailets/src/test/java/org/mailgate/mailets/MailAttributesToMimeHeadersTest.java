package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class MailAttributesToMimeHeadersTest {

    private static final String MESSAGE = """
            Message-ID: <1@corp.example>
            Subject: hello

            Hello
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private MailAttributesToMimeHeaders mailet(String mapping) throws MessagingException {
        MailAttributesToMimeHeaders mailet = new MailAttributesToMimeHeaders();
        mailet.init(FakeMailetConfig.of("MailAttributesToMimeHeaders", context).param("simplemapping", mapping));
        return mailet;
    }

    @Test
    void addsAHeaderForEachStringAttributePresent() throws Exception {
        Mail mail = RawMails.of(MESSAGE);
        mail.setAttribute(new Attribute(AttributeName.of("org.example.a"), AttributeValue.of("alpha")));
        mail.setAttribute(new Attribute(AttributeName.of("org.example.n"), AttributeValue.of(42)));

        mailet("org.example.a; X-A, org.example.n; X-N, org.example.absent; X-Absent").service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: hello
                X-A: alpha

                Hello
                """));
    }

    @Test
    void aValueCannotInjectHeadersAndNonAsciiIsEncoded() throws Exception {
        Mail mail = RawMails.of(MESSAGE);
        mail.setAttribute(new Attribute(AttributeName.of("org.example.a"),
                AttributeValue.of("Grüße\r\nBcc: victim@far.example")));

        mailet("org.example.a; X-A").service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getHeader("Bcc")).isNull();
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(reparsed.getHeader("X-A", null))))
                .isEqualTo("Grüße Bcc: victim@far.example");
        assertThat(RawMails.written(mail)).isASCII();
    }

    @Test
    void refusesMappingsThatAreNotAttributeHeaderPairs() {
        assertThatThrownBy(() -> new MailAttributesToMimeHeaders().init(FakeMailetConfig.of("M", context)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("simplemapping");
        assertThatThrownBy(() -> mailet("org.example.a"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("attributeName; headerName");
        assertThatThrownBy(() -> mailet("a; b; c"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("'a; b; c'");
        assertThatThrownBy(() -> mailet("org.example.a; X A"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not a header name");
    }
}

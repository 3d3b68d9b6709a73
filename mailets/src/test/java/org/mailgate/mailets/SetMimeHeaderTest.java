package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class SetMimeHeaderTest {

    private static final String MESSAGE = """
            Message-ID: <1@corp.example>
            Subject: hello
            X-Tag: first

            Hello
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private SetMimeHeader mailet(String name, String value) throws MessagingException {
        SetMimeHeader mailet = new SetMimeHeader();
        mailet.init(FakeMailetConfig.of("SetMimeHeader", context).param("name", name).param("value", value));
        return mailet;
    }

    @Test
    void addsTheHeaderAndChangesNothingElse() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet("X-Mailet", "the value").service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: hello
                X-Tag: first
                X-Mailet: the value

                Hello
                """));
    }

    @Test
    void addsBesideAHeaderOfTheSameNameAsJamesDoes() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet("X-Tag", "second").service(mail);

        assertThat(RawMails.reparsed(mail).getHeader("X-Tag")).containsExactly("first", "second");
    }

    @Test
    void writesANonAsciiValueRfc2047Encoded() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet("X-Greeting", "Grüße aus Köln").service(mail);

        String written = RawMails.written(mail);
        assertThat(written).isASCII().contains("X-Greeting: =?UTF-8?");
        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(reparsed.getHeader("X-Greeting", null))))
                .isEqualTo("Grüße aus Köln");
        assertThat(reparsed.getMessageID()).isEqualTo("<1@corp.example>");
    }

    @Test
    void refusesMissingOrInvalidNameAndValue() {
        assertThatThrownBy(() -> new SetMimeHeader().init(FakeMailetConfig.of("S", context).param("name", "X-A")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> new SetMimeHeader().init(FakeMailetConfig.of("S", context).param("value", "v")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> mailet("X Bad:", "v"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not a header name");
        assertThatThrownBy(() -> mailet("X-A", "one\r\nBcc: victim@far.example"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("value must be one line");
    }
}

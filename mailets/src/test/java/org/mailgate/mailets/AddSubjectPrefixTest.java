package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class AddSubjectPrefixTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private AddSubjectPrefix mailet(String prefix) throws MessagingException {
        AddSubjectPrefix mailet = new AddSubjectPrefix();
        mailet.init(FakeMailetConfig.of("AddSubjectPrefix", context).param("subjectPrefix", prefix));
        return mailet;
    }

    private static Mail withSubject(String subjectLine) {
        return RawMails.of("Message-ID: <1@corp.example>\n" + subjectLine + "\nTo: rcpt@far.example\n\nHello\n");
    }

    @Test
    void putsThePrefixBeforeAnAsciiSubjectAndChangesNothingElse() throws Exception {
        Mail mail = withSubject("Subject: hello");

        mailet("[robot]").service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: [robot] hello
                To: rcpt@far.example

                Hello
                """));
    }

    @Test
    void aMessageWithoutSubjectGetsThePrefixAsSubject() throws Exception {
        Mail mail = RawMails.of("Message-ID: <1@corp.example>\n\nHello\n");

        mailet("[robot]").service(mail);

        assertThat(RawMails.reparsed(mail).getSubject()).isEqualTo("[robot]");
    }

    @Test
    void anEncodedSubjectIsDecodedAndWrittenBackValid() throws Exception {
        Mail mail = withSubject("Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=");

        mailet("[list]").service(mail);

        assertThat(RawMails.written(mail)).isASCII().doesNotContain("=?ISO-8859-1?");
        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(reparsed.getSubject()).isEqualTo("[list] Café crème");
        assertThat(reparsed.getMessageID()).isEqualTo("<1@corp.example>");
    }

    @Test
    void aNonAsciiPrefixIsRfc2047Encoded() throws Exception {
        Mail mail = withSubject("Subject: hello");

        mailet("[équipe]").service(mail);

        assertThat(RawMails.written(mail)).isASCII();
        assertThat(RawMails.reparsed(mail).getSubject()).isEqualTo("[équipe] hello");
    }

    @Test
    void aRawUtf8SubjectIsRecognised() throws Exception {
        Mail mail = FakeMail.builder().header("Subject", "Grüße").build();

        mailet("[robot]").service(mail);

        assertThat(RawMails.reparsed(mail).getSubject()).isEqualTo("[robot] Grüße");
    }

    @Test
    void aLongSubjectIsFolded() throws Exception {
        String words = "word ".repeat(60).trim();
        Mail mail = withSubject("Subject: " + words);

        mailet("[robot]").service(mail);

        String written = RawMails.written(mail);
        String subjectLines = written.substring(written.indexOf("Subject:"), written.indexOf("To:"));
        assertThat(subjectLines.split("\r\n")).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(78));
        assertThat(RawMails.reparsed(mail).getSubject()).isEqualTo("[robot] " + words);
    }

    @Test
    void needsAPrefix() {
        assertThatThrownBy(() -> new AddSubjectPrefix().init(FakeMailetConfig.of("A", context)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("subjectPrefix");
        assertThatThrownBy(() -> mailet("two\nlines"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("one line");
    }
}

package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class ReplaceContentTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private ReplaceContent mailet(FakeMailetConfig config) throws MessagingException {
        ReplaceContent mailet = new ReplaceContent();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("ReplaceContent", context);
    }

    private static Mail message(String subject, String contentHeaders, String body) {
        return RawMails.of("Message-ID: <1@corp.example>\nSubject: " + subject + "\nX-Trace: kept\nMIME-Version: 1.0\n"
                + contentHeaders + "\n\n" + body);
    }

    private static Mail plain(String subject, String body) {
        return message(subject, "Content-Type: text/plain; charset=us-ascii", body);
    }

    private String subjectAfter(String rules, String subject) throws Exception {
        Mail mail = plain(subject, "body\n");
        mailet(config().param("subjectPattern", rules)).service(mail);
        return RawMails.reparsed(mail).getSubject();
    }

    @Test
    void withoutTheRepeatFlagOnlyTheFirstMatchIsReplacedAsInJames() throws Exception {
        assertThat(subjectAfter("/test/TEST//", "test test")).isEqualTo("TEST test");
    }

    @Test
    void theRepeatFlagReplacesEveryMatchAndTheIgnoreCaseFlagIgnoresCase() throws Exception {
        assertThat(subjectAfter("/TEST/x/ir/", "test Test")).isEqualTo("x x");
    }

    @Test
    void rulesOfAListApplyInOrderAsInJamesExample() throws Exception {
        assertThat(subjectAfter("/prova/PROVA/i/,/a/e//,/o/o/i/", "una prova")).isEqualTo("une PRoVA");
    }

    @Test
    void escapedSlashesGroupsAndARuleWhoseResultMatchesAgainAreHandled() throws Exception {
        assertThat(subjectAfter("/\\//-/r/", "a/b/c")).isEqualTo("a-b-c");
        assertThat(subjectAfter("/(\\w+)@(\\w+)/$2 at $1//", "mail bob@corp now")).isEqualTo("mail corp at bob now");
        assertThat(subjectAfter("/a/aa/r/", "a")).startsWith("aa");
    }

    @Test
    void aNonAsciiSubjectIsWrittenEncodedAndNothingElseChanges() throws Exception {
        Mail mail = plain("Hello world", "body\n");

        mailet(config().param("subjectPattern", "/world/Welt – ok//")).service(mail);

        assertThat(RawMails.written(mail)).isASCII().isEqualTo(RawMails.crlf("""
                Message-ID: <1@corp.example>
                Subject: =?UTF-8?Q?Hello_Welt_=E2=80=93_ok?=
                X-Trace: kept
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                body
                """));
    }

    @Test
    void theBodyOfATextMessageIsReplacedKeepingItsEncodingAndHeaders() throws Exception {
        Mail mail = message("hi", "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable",
                "Caf=E9 au lait, caf=E9 noir\n");

        mailet(config().param("bodyPattern", "/café/thé/ir/")).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(RawMails.text(reparsed)).isEqualTo("thé au lait, thé noir\r\n");
        assertThat(reparsed.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(new ContentType(reparsed.getContentType()).getParameter("charset")).isEqualTo("ISO-8859-1");
        assertThat(reparsed.getMessageID()).isEqualTo("<1@corp.example>");
        assertThat(reparsed.getHeader("X-Trace")).containsExactly("kept");
        assertThat(reparsed.getHeader("Date")).isNull();
    }

    @Test
    void theCharsetParameterDecidesTheCharsetOfTheChangedBodyAndSubject() throws Exception {
        Mail mail = message("=?ISO-8859-1?Q?Caf=E9?=",
                "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable", "Caf=E9\n");

        mailet(config().param("bodyPattern", "/Caf/Kaf//").param("subjectPattern", "/Caf/Kaf//")
                .param("charset", "UTF-8").param("debug", "1")).service(mail);

        MimeMessage reparsed = RawMails.reparsed(mail);
        assertThat(new ContentType(reparsed.getContentType()).getParameter("charset")).isEqualTo("UTF-8");
        assertThat(RawMails.text(reparsed)).isEqualTo("Kafé\r\n");
        assertThat(reparsed.getSubject()).isEqualTo("Kafé");
        assertThat(reparsed.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(context.logged()).containsExactly("DEBUG ReplaceContent: rules changed the subject of mail MAIL1",
                "DEBUG ReplaceContent: rules changed the body of mail MAIL1");
    }

    @Test
    void aMessageNoRuleChangesIsLeftByteForByte() throws Exception {
        String raw = "Message-ID: <1@corp.example>\nSubject: hello\nContent-Type: text/plain\n\nbody\n";
        Mail mail = RawMails.of(raw);

        mailet(config().param("subjectPattern", "/absent/x//").param("bodyPattern", "/absent/x/r/")).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(raw));
    }

    @Test
    void aMultipartBodyIsLeftAloneAsInJames() throws Exception {
        String raw = """
                Message-ID: <1@corp.example>
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                secret
                --b--
                """;
        Mail mail = RawMails.of(raw);

        mailet(config().param("bodyPattern", "/secret/xxx//")).service(mail);

        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(raw));
    }

    @Test
    void aTextBodyThatCannotBeReadSafelyFailsWithTheReasonAndStaysUnchanged() throws Exception {
        String raw = "Message-ID: <1@corp.example>\nSubject: s\nContent-Type: text/plain; charset=x-unknown\n\nbody\n";
        Mail mail = RawMails.of(raw);

        assertThatThrownBy(() -> mailet(config().param("bodyPattern", "/body/x//").param("subjectPattern", "/s/t//"))
                .service(mail))
                .isInstanceOf(MessagingException.class).hasMessageContaining("MAIL1").hasMessageContaining("x-unknown");
        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(raw));
    }

    @Test
    void refusesWhatJamesWouldIgnoreOrFailOnLater() {
        assertThatThrownBy(() -> mailet(config()))
                .isInstanceOf(MessagingException.class).hasMessageContaining("subjectPattern or bodyPattern");
        assertThatThrownBy(() -> mailet(config().param("bodyPatternFile", "rules.txt")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("bodyPatternFile is not offered yet");
        assertThatThrownBy(() -> mailet(config().param("subjectPattern", "a/b/")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("subjectPattern");
        assertThatThrownBy(() -> mailet(config().param("subjectPattern", "/a/b/c/d/")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("three parts");
        assertThatThrownBy(() -> mailet(config().param("subjectPattern", "/a(/b//")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> mailet(config().param("subjectPattern", "/a/b/q/")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unknown flag 'q'");
        assertThatThrownBy(() -> mailet(config().param("bodyPattern", "/(a)/$2//")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("bodyPattern").hasMessageContaining("group $2");
        assertThatThrownBy(() -> mailet(config().param("bodyPattern", "/a/b//").param("charset", "x-nothing")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("charset");
        assertThatThrownBy(() -> mailet(config().param("bodyPattern", "/a/b//").param("debug", "yes")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("debug");
    }
}

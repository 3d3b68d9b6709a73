package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class LogMessageTest {

    private static final String MESSAGE = """
            Message-ID: <1@corp.example>
            Subject: hello
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe, this is the body
            """;

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private LogMessage mailet(FakeMailetConfig config) throws MessagingException {
        LogMessage mailet = new LogMessage();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("LogMessage", context);
    }

    @Test
    void logsCommentHeadersAndDecodedBodyAtTheLevelAndLeavesTheMailAlone() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("comment", "seen at the border").param("level", "warn")).service(mail);

        assertThat(context.logged()).containsExactly("WARN Logging mail MAIL1\nseen at the border\n"
                + "Message-ID: <1@corp.example>\nSubject: hello\nContent-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nGrüße, this is the body\r\n");
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(RawMails.written(mail)).isEqualTo(RawMails.crlf(MESSAGE));
    }

    @Test
    void maxBodyLimitsTheBytesOfBodyLogged() throws Exception {
        mailet(config().param("headers", "false").param("maxBody", "5")).service(RawMails.of(MESSAGE));

        assertThat(context.logged()).containsExactly("INFO Logging mail MAIL1\n\nGrü");
    }

    @Test
    void headersAndBodyCanBeLeftOut() throws Exception {
        mailet(config().param("headers", "false").param("body", "false")).service(RawMails.of(MESSAGE));

        assertThat(context.logged()).containsExactly("INFO Logging mail MAIL1");
    }

    @Test
    void withoutPassThroughTheMailEndsAfterLogging() throws Exception {
        Mail mail = RawMails.of(MESSAGE);

        mailet(config().param("passThrough", "false")).service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.logged()).hasSize(1);
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> mailet(config().param("level", "TRACE")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("level");
        assertThatThrownBy(() -> mailet(config().param("maxBody", "-1")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("maxBody");
        assertThatThrownBy(() -> mailet(config().param("bodyMax", "10")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("unknown parameter bodyMax");
    }
}

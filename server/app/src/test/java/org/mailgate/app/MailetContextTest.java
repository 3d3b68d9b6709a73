package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.james.core.Domain;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.smtp.ReceivedMessage;

/** What mailets see of a running gateway through its {@link MailetContext}. */
class MailetContextTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    MailetContext context;

    @BeforeEach
    void start() throws Exception {
        peers.dns().mx("other.example", 20, "mx2.other.example").mx("other.example", 10, "mx1.other.example")
                .a("mx1.other.example", "127.0.0.1").a("mx2.other.example", "127.0.0.1");
        Path conf = peers.conf().writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));
        context = peers.gateway().instance(MailetContext.class);
    }

    static MimeMessage message(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void knowsThePostmasterAndTheLocalDomains() throws Exception {
        assertThat(context.getPostmaster().asString()).isEqualTo("postmaster@local.example");
        assertThat(context.isLocalServer(Domain.of("LOCAL.example"))).isTrue();
        assertThat(context.isLocalServer(Domain.of("remote.example"))).isFalse();
        assertThat(context.isLocalEmail(FakeMail.address("anyone@local.example"))).isTrue();
        assertThat(context.isLocalEmail(FakeMail.address("anyone@remote.example"))).isFalse();
    }

    @Test
    void looksUpMailServersInDnsByPreference() {
        assertThat(context.getMailServers(Domain.of("other.example")))
                .containsExactly("mx1.other.example", "mx2.other.example");
    }

    @Test
    void publishesTheServersHostName() {
        assertThat(context.getAttribute(ContextAttributes.HOST_NAME)).isEqualTo("mailgate.test");
    }

    @Test
    void keepsAttributes() {
        context.setAttribute("org.example.counter", "7");
        assertThat(context.getAttribute("org.example.counter")).isEqualTo("7");
        context.removeAttribute("org.example.counter");
        assertThat(context.getAttribute("org.example.counter")).isNull();
    }

    @Test
    void sendMailSpoolsTheMailInTheGivenProcessorMarkedAsSentByAMailet() throws Exception {
        context.sendMail(FakeMail.address("robot@local.example"), List.of(FakeMail.address("bob@remote.example")),
                message("Subject: from a mailet\r\n\r\nhello\r\n"), "transport");

        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.mailFrom()).isEqualTo("robot@local.example");
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        assertThat(received.dataAsString()).contains("Subject: from a mailet");
    }

    @Test
    void sendMailMarksTheMailForSentByMailet() throws Exception {
        MailgateMail mail = FakeMail.builder().sender("robot@local.example").recipients("bob@remote.example").build();
        context.sendMail(mail, "transport");

        assertThat(mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName())).isPresent();
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
    }

    @Test
    void bounceSendsAReportToTheSenderFromTheNullSender() throws Exception {
        MailgateMail mail = FakeMail.builder().sender("carol@remote.example").recipients("nobody@local.example")
                .header("Subject", "lost").build();
        context.bounce(mail, "no such user here");

        ReceivedMessage bounce = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(bounce.mailFrom()).isEmpty();
        assertThat(bounce.rcptTo()).containsExactly("carol@remote.example");
        assertThat(bounce.dataAsString()).contains("report-type=delivery-status").contains("no such user here");
    }
}

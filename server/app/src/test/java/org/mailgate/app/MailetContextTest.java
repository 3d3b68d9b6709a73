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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;

/** What mailets see of a running gateway through its {@link MailetContext}. */
class MailetContextTest {

    @TempDir
    Path tmp;
    LoopbackDnsServer dns;
    RecordingSmtpSink sink;
    GatewayFixture gateway;
    MailetContext context;

    @BeforeEach
    void start() throws Exception {
        dns = LoopbackDnsServer.start();
        sink = RecordingSmtpSink.start();
        dns.mx("remote.example", 20, "mx2.remote.example").mx("remote.example", 10, "mx1.remote.example")
                .a("mx1.remote.example", "127.0.0.1").a("mx2.remote.example", "127.0.0.1");
        Path conf = new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port()).writeTo(tmp.resolve("conf"));
        gateway = GatewayFixture.start(conf, tmp.resolve("var"));
        context = gateway.instance(MailetContext.class);
    }

    @AfterEach
    void stop() {
        gateway.close();
        sink.close();
        dns.close();
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
        assertThat(context.getMailServers(Domain.of("remote.example")))
                .containsExactly("mx1.remote.example", "mx2.remote.example");
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

        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(10));
        assertThat(received.mailFrom()).isEqualTo("robot@local.example");
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        assertThat(received.dataAsString()).contains("Subject: from a mailet");
    }

    @Test
    void sendMailMarksTheMailForSentByMailet() throws Exception {
        MailgateMail mail = FakeMail.builder().sender("robot@local.example").recipients("bob@remote.example").build();
        context.sendMail(mail, "transport");

        assertThat(mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName())).isPresent();
        assertThat(sink.awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
    }

    @Test
    void bounceSendsAReportToTheSenderFromTheNullSender() throws Exception {
        MailgateMail mail = FakeMail.builder().sender("carol@remote.example").recipients("nobody@local.example")
                .header("Subject", "lost").build();
        context.bounce(mail, "no such user here");

        ReceivedMessage bounce = sink.awaitMessage(Duration.ofSeconds(10));
        assertThat(bounce.mailFrom()).isEmpty();
        assertThat(bounce.rcptTo()).containsExactly("carol@remote.example");
        assertThat(bounce.dataAsString()).contains("report-type=delivery-status").contains("no such user here");
    }
}

package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.domain.FixedDomainList;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** SMTP receipt over real sockets: send/expect dialogues. */
class SmtpServerTest {

    static final DomainList LOCAL = FixedDomainList.of("local.example");

    static final String MESSAGE = "From: alice@example.org\r\nSubject: hi\r\n\r\nHello\r\n.dot line\r\n";

    final RecordingSpool spool = new RecordingSpool();
    SmtpServer server;

    SmtpDialogue connect(SmtpServerConfig config) throws Exception {
        if (server == null) {
            server = new SmtpServer(new SmtpServersConfig(List.of(config)),
                    new SessionServices(spool, LOCAL, Clock.systemUTC()), Duration.ofSeconds(2));
            server.start();
        }
        SmtpDialogue dialogue = SmtpDialogue.connect(server.addresses().get(0));
        dialogue.expect(220);
        return dialogue;
    }

    SmtpDialogue connect() throws Exception {
        return connect(config("127.0.0.0/8"));
    }

    static SmtpServerConfig config(String authorized) {
        return SmtpServerConfig.of(new InetSocketAddress("127.0.0.1", 0), "mx.local.example",
                NetworkList.parse(authorized));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void greetingAndEhloAnnounceTheServerAndItsExtensions() throws Exception {
        server = new SmtpServer(new SmtpServersConfig(List.of(config("127.0.0.0/8").withMaxMessageSize(10_000))),
                new SessionServices(spool, LOCAL, Clock.systemUTC()), Duration.ofSeconds(2));
        server.start();
        try (SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0))) {
            assertThat(smtp.expect(220).text()).isEqualTo("mx.local.example ESMTP Mailgate");
            SmtpReply ehlo = smtp.command("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).containsExactly("mx.local.example Hello client.example [127.0.0.1]",
                    "PIPELINING", "SIZE 10000", "8BITMIME", "ENHANCEDSTATUSCODES", "DSN");
        }
    }

    @Test
    void aMessageIsSpooledWithAReceivedHeaderAndTheQueueIdIsInTheReply() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            SmtpReply reply = smtp.sendMail("alice@example.org", List.of("bob@local.example"), MESSAGE);
            assertThat(reply.code()).isEqualTo(250);
            RecordingSpool.Accepted accepted = spool.accepted().get(0);
            assertThat(reply.text()).isEqualTo("2.0.0 OK: queued as " + accepted.id());
            assertThat(accepted.envelope().sender().asString()).isEqualTo("alice@example.org");
            assertThat(accepted.envelope().recipients()).extracting(Object::toString).containsExactly("bob@local.example");
            String content = accepted.text();
            assertThat(content).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                    + "\tby mx.local.example (Mailgate) with ESMTP id " + accepted.id() + "\r\n"
                    + "\tfor <bob@local.example>; ");
            assertThat(content.substring(content.indexOf("\r\nFrom:") + 2)).isEqualTo(MESSAGE);
        }
    }

    @Test
    void commandsOutOfSequenceGet503() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(503);
            smtp.ehlo("client.example");
            assertThat(smtp.command("RCPT TO:<b@local.example>").text()).startsWith("5.5.1");
            assertThat(smtp.command("DATA").code()).isEqualTo(503);
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(503);
            assertThat(smtp.command("DATA").text()).isEqualTo("5.5.1 No valid recipients");
        }
    }

    @Test
    void syntaxErrorsGet501AndUnknownCommands500() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            assertThat(smtp.command("EHLO").code()).isEqualTo(501);
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:a@example.org").code()).isEqualTo(501);
            assertThat(smtp.command("MAIL FROM:<a@example.org> FOO=1").code()).isEqualTo(555);
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<no-domain>").code()).isEqualTo(501);
            assertThat(smtp.command("FROB").text()).isEqualTo("5.5.2 Command unrecognized");
            assertThat(smtp.command("X".repeat(3000)).text()).isEqualTo("5.5.2 Line too long");
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void vrfyDisclosesNothingAndHelpNoopRsetAnswer() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            assertThat(smtp.command("VRFY root").code()).isEqualTo(252);
            assertThat(smtp.command("VRFY nobody-at-all").code()).isEqualTo(252);
            assertThat(smtp.command("HELP").code()).isEqualTo(214);
            assertThat(smtp.command("NOOP anything").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RSET").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<b@local.example>").code()).isEqualTo(503);
            assertThat(smtp.command("EXPN staff").code()).isEqualTo(502);
            assertThat(smtp.command("QUIT").code()).isEqualTo(221);
            smtp.expectClosed();
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            smtp.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@local.example>\r\nRCPT TO:<c@local.example>\r\n"
                    + "DATA\r\n");
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(354);
            smtp.sendRaw("Subject: piped\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(221);
        }
        assertThat(spool.accepted().get(0).envelope().recipients()).hasSize(2);
    }

    @Test
    void aBareLineFeedNeverEndsTheDataAndRefusesTheMessage() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            smtp.command("MAIL FROM:<a@example.org>");
            smtp.command("RCPT TO:<b@local.example>");
            smtp.send("DATA").expect(354);
            smtp.sendRaw("Subject: smuggling\r\n\r\nhello\n.\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@local.example>\r\n"
                    + "DATA\r\nSubject: smuggled\r\n\r\n.\r\n");
            SmtpReply reply = smtp.read();
            assertThat(reply.code()).isEqualTo(554);
            assertThat(reply.text()).startsWith("5.6.0");
            assertThat(smtp.command("NOOP").code()).as("nothing smuggled is pending").isEqualTo(250);
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), "Subject: ok\r\n\r\nfine\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(spool.accepted()).hasSize(1);
        assertThat(spool.accepted().get(0).text()).contains("Subject: ok");
    }

    @Test
    void aMessageOverTheSizeLimitIsReadToItsEndThenRefused() throws Exception {
        try (SmtpDialogue smtp = connect(config("127.0.0.0/8").withMaxMessageSize(2000))) {
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:<a@example.org> SIZE=5000").code()).isEqualTo(552);
            String big = "Subject: big\r\n\r\n" + ("x".repeat(78) + "\r\n").repeat(100);
            SmtpReply reply = smtp.sendMail("a@example.org", List.of("b@local.example"), big);
            assertThat(reply.code()).isEqualTo(552);
            assertThat(reply.text()).startsWith("5.3.4");
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(spool.accepted()).isEmpty();
    }

    @Test
    void localDomainsAreOpenToAllOtherDomainsOnlyToAuthorizedClients() throws Exception {
        try (SmtpDialogue smtp = connect(config("10.0.0.0/8"))) {
            smtp.ehlo("client.example");
            smtp.command("MAIL FROM:<a@example.org>");
            assertThat(smtp.command("RCPT TO:<b@local.example>").code()).isEqualTo(250);
            SmtpReply refused = smtp.command("RCPT TO:<someone@elsewhere.example>");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).isEqualTo("5.7.1 Relaying denied");
            assertThat(smtp.command("RCPT TO:<@local.example:someone@elsewhere.example>").code()).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<postmaster>").code()).isEqualTo(250);
        }
    }

    @Test
    void authorizedClientsMayRelay() throws Exception {
        try (SmtpDialogue smtp = connect(config("127.0.0.0/8"))) {
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("a@example.org", List.of("someone@elsewhere.example"), MESSAGE).code())
                    .isEqualTo(250);
        }
    }

    @Test
    void connectionsOverTheLimitAreToldToComeBackLater() throws Exception {
        try (SmtpDialogue first = connect(config("127.0.0.0/8").withConnectionLimits(0, 1));
             SmtpDialogue second = SmtpDialogue.connect(server.addresses().get(0))) {
            SmtpReply refused = second.read();
            assertThat(refused.code()).isEqualTo(421);
            second.expectClosed();
            assertThat(first.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void anIdleClientIsDisconnectedWith421() throws Exception {
        try (SmtpDialogue smtp = connect(config("127.0.0.0/8").withConnectionTimeout(Duration.ofMillis(300)))) {
            SmtpReply reply = smtp.read();
            assertThat(reply.code()).isEqualTo(421);
            assertThat(reply.text()).startsWith("4.4.2");
            smtp.expectClosed();
        }
    }

    @Test
    void whenStorageFailsTheClientIsToldToRetry() throws Exception {
        spool.failFromNowOn();
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            SmtpReply reply = smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE);
            assertThat(reply.code()).isEqualTo(451);
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void atShutdownIdleSessionsAreToldAndClosed() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            smtp.ehlo("client.example");
            Thread stopper = Thread.ofVirtual().start(server::stop);
            SmtpReply reply = smtp.read();
            assertThat(reply.code()).isEqualTo(421);
            smtp.expectClosed();
            stopper.join();
            server = null;
        }
    }

    @Test
    void controlCharactersInACommandAreRefusedSoTheyNeverReachRepliesOrHeaders() throws Exception {
        try (SmtpDialogue smtp = connect()) {
            assertThat(smtp.command("EHLO bad\u0001name").code()).isEqualTo(500);
            SmtpReply bareCr = smtp.command("EHLO bad\rname");
            assertThat(bareCr.code()).isEqualTo(500);
            assertThat(bareCr.lines()).hasSize(1);
            assertThat(smtp.command("EHLO good.example").code()).isEqualTo(250);
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code()).isEqualTo(250);
        }
        Await.until(Duration.ofSeconds(5), () -> spool.accepted().size() == 1, () -> "message stored");
        String first = spool.accepted().get(0).text().lines().findFirst().orElseThrow();
        assertThat(first).isEqualTo("Received: from good.example (unknown [127.0.0.1])");
    }
}

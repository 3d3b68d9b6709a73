package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.spool.SpoolStore;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The whole path in one JVM: SMTP in, H2 spool, the configured pipeline, the outgoing queue, MX lookup
 * against a loopback DNS server, SMTP out to a recording peers.sink().
 */
class EndToEndTest {

    static final String MESSAGE = "From: Alice <alice@example.org>\r\n"
            + "To: Bob <bob@remote.example>\r\n"
            + "Subject: end to end\r\n"
            + "Message-ID: <e2e-1@example.org>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + ".a line that starts with a dot\r\n"
            + "\r\n"
            + "-- \r\nAlice\r\n";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    TestConf conf() {
        return peers.conf();
    }

    GatewayFixture start(TestConf conf) throws Exception {
        return peers.start(conf.writeTo(tmp.resolve("conf")), tmp.resolve("var"));
    }

    @Test
    void aMessageArrivesAtTheNextHopByteExactButForTheReceivedHeader() throws Exception {
        start(conf());
        SmtpReply reply;
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            reply = smtp.sendMail("alice@example.org", List.of("bob@remote.example"), MESSAGE);
        }
        assertThat(reply.code()).isEqualTo(250);
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);

        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.mailFrom()).isEqualTo("alice@example.org");
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        String data = received.dataAsString();
        assertThat(data).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                + "\tby mailgate.test (Mailgate) with ESMTP id " + queueId + "\r\n\tfor <bob@remote.example>; ");
        assertThat(data.substring(data.indexOf("\r\nFrom: ") + 2)).isEqualTo(MESSAGE);
        Await.until(Duration.ofSeconds(5), () -> peers.gateway().instance(H2OutgoingQueues.class).size() == 0
                && peers.gateway().instance(SpoolStore.class).size() == 0, () -> "spool and outgoing queue empty");
    }

    @Test
    void theBccHeaderIsRemovedOnTheWayOut() throws Exception {
        start(conf());
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.sendMail("alice@example.org", List.of("bob@remote.example"),
                    "Subject: secret copy\r\nBcc: eve@remote.example\r\n\r\nbody\r\n");
        }
        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.dataAsString()).doesNotContain("Bcc:").contains("Subject: secret copy\r\n\r\nbody\r\n");
    }

    @Test
    void relayingForAnUnauthorizedClientIsRefusedAtRcpt() throws Exception {
        start(conf().authorizedAddresses("10.0.0.0/8"));
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>").code()).isEqualTo(250);
            SmtpReply refused = smtp.command("RCPT TO:<bob@remote.example>");
            assertThat(refused.code()).isEqualTo(550);
            assertThat(refused.text()).isEqualTo("5.7.1 Relaying denied");
            assertThat(smtp.command("RCPT TO:<carol@local.example>").code()).isEqualTo(250);
            smtp.send("DATA").expect(354);
            assertThat(smtp.sendData("Subject: local\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)).code())
                    .isEqualTo(250);
        }
        var inbound = peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of("file://var/mail/inbound/"));
        Await.until(Duration.ofSeconds(10), () -> inbound.size() == 1, () -> "local mail stored in inbound");
        assertThat(peers.sink().messageCount()).isZero();
    }

    @Test
    void mailQueuedWhileTheNextHopIsDownIsDeliveredOnceItIsBack() throws Exception {
        peers.sink().stop();
        start(conf().retries("300, 300, 300, 300, 300, 300, 300, 300", 20));
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
        }
        H2OutgoingQueues outgoing = peers.gateway().instance(H2OutgoingQueues.class);
        Await.until(Duration.ofSeconds(10), () -> outgoing.size() == 1 && outgoing.entries(1).get(0).failedAttempts() >= 2,
                () -> "two failed attempts while the next hop is down");
        peers.sink().restart();
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), () -> outgoing.size() == 0, () -> "outgoing queue empty");
        assertThat(peers.sink().messageCount()).as("delivered exactly once").isEqualTo(1);
    }

    @Test
    void aPermanentRefusalPutsTheMailInTheErrorRepository() throws Exception {
        peers.sink().rejectRecipient("bob@remote.example", 550, "5.1.1 unknown user");
        start(conf());
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.sendMail("alice@example.org", List.of("bob@remote.example"), MESSAGE);
        }
        var errors = peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of("file://var/mail/error/"));
        Await.until(Duration.ofSeconds(10), () -> errors.size() == 1, () -> "refused mail in the error repository");
        var stored = errors.retrieve(errors.keys(0, 1).get(0)).orElseThrow();
        assertThat(stored.getErrorMessage()).contains("550 5.1.1 unknown user");
        assertThat(stored.getRecipients()).extracting(Object::toString).containsExactly("bob@remote.example");
    }

    @Test
    void mailStillInTheSpoolAtShutdownIsDeliveredAfterTheRestart() throws Exception {
        java.nio.file.Path release = tmp.resolve("release");
        TestConf conf = conf().rootMailets("""
                <mailet match="All" class="org.mailgate.app.HoldUntilFileExists">
                  <file>%s</file>
                  <onMailetException>propagate</onMailetException>
                </mailet>""".formatted(release));
        MutableClock clock = new MutableClock();
        Path confDir = conf.writeTo(tmp.resolve("conf"));
        peers.start(confDir, tmp.resolve("var"), clock);
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
        }
        SpoolStore spool = peers.gateway().instance(SpoolStore.class);
        Await.until(Duration.ofSeconds(10), () -> spool.size() == 1 && spool.entries(1).get(0).failedAttempts() == 1,
                () -> "the mail waits in the spool after a failed attempt");
        peers.stopGateway();

        java.nio.file.Files.writeString(release, "go");
        clock.advance(Duration.ofMinutes(1));
        peers.start(confDir, tmp.resolve("var"), clock);
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
    }
}

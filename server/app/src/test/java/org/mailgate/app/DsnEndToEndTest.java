package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * DSN parameters (RFC 3461) from the SMTP client to the next hop and into the reports, through the whole
 * gateway: spool, container, outgoing queue, and a restart on the way.
 */
class DsnEndToEndTest {

    static final String MESSAGE = "Subject: dsn\r\nMessage-ID: <dsn@remote.example>\r\n\r\nthe body\r\n";

    @RegisterExtension
    final Peers peers = new Peers();
    @TempDir
    Path tmp;
    RecordingSmtpSink sink;
    GatewayFixture gateway;

    /** The MX of remote.example, offering DSN or not. */
    void startSink(boolean offersDsn) {
        List<String> keywords = new ArrayList<>(SinkOptions.DEFAULT_EHLO_KEYWORDS);
        if (offersDsn) {
            keywords.add("DSN");
        }
        sink = peers.restartSink(SinkOptions.builder().ehloKeywords(keywords).build());
    }

    /** A gateway that reports failures to the sender (no bounceProcessor). */
    Path conf() throws Exception {
        return peers.conf()
                .retries("300, 300, 300, 300, 300, 300, 300, 300", 20).deliveryParameters("")
                .writeTo(tmp.resolve("conf"));
    }

    /** Sends {@link #MESSAGE} from carol@remote.example with these MAIL FROM parameters and RCPT TO lines. */
    void send(String mailParameters, String... rcptLines) {
        try (SmtpDialogue smtp = SmtpDialogue.connect(gateway.smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<carol@remote.example> " + mailParameters).expect(250);
            for (String rcpt : rcptLines) {
                smtp.send("RCPT TO:" + rcpt).expect(250);
            }
            smtp.send("DATA").expect(354);
            assertThat(smtp.sendData(MESSAGE.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        }
    }

    @Test
    void theParametersReachTheNextHopAndTheFailureReportAsGiven() throws Exception {
        startSink(true);
        sink.rejectRecipient("gone@remote.example", 550, "5.1.1 no such mailbox");
        gateway = peers.start(conf(), tmp.resolve("var"));

        send("RET=HDRS ENVID=Env+2B42", "<bob@remote.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+2Bx@Remote.example",
                "<gone@remote.example> NOTIFY=FAILURE ORCPT=rfc822;Gone@Remote.example");

        List<ReceivedMessage> received = sink.awaitMessages(2, Duration.ofSeconds(10));
        ReceivedMessage delivered = received.stream().filter(m -> !m.mailFrom().isEmpty()).findFirst().orElseThrow();
        assertThat(delivered.rcptTo()).containsExactly("bob@remote.example");
        assertThat(delivered.mailParameter("RET")).contains("HDRS");
        assertThat(delivered.mailParameter("ENVID")).contains("Env+2B42");
        assertThat(delivered.rcptParameters()).containsExactly(
                "NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+2Bx@Remote.example");

        ReceivedMessage report = received.stream().filter(m -> m.mailFrom().isEmpty()).findFirst().orElseThrow();
        assertThat(report.rcptTo()).containsExactly("carol@remote.example");
        assertThat(report.mailParameters()).doesNotContain("RET").doesNotContain("ENVID");
        assertThat(report.dataAsString()).contains("Original-Envelope-Id: Env+42")
                .contains("Original-Recipient: rfc822;Gone@Remote.example\r\n"
                        + "Final-Recipient: rfc822; gone@remote.example\r\nAction: failed")
                .contains("text/rfc822-headers").contains("Message-ID: <dsn@remote.example>")
                .doesNotContain("the body").doesNotContain("Final-Recipient: rfc822; bob@remote.example");
        H2OutgoingQueues outgoing = gateway.instance(H2OutgoingQueues.class);
        Await.until(Duration.ofSeconds(10), () -> outgoing.size() == 0, () -> "outgoing queue empty");
        assertThat(sink.messageCount()).as("no relayed report: the next hop offers DSN").isEqualTo(2);
    }

    @Test
    void notifySuccessToANextHopWithoutDsnBringsARelayedReport() throws Exception {
        startSink(false);
        gateway = peers.start(conf(), tmp.resolve("var"));

        send("ENVID=relay-1", "<bob@remote.example> NOTIFY=SUCCESS", "<dan@remote.example>");

        List<ReceivedMessage> received = sink.awaitMessages(2, Duration.ofSeconds(10));
        ReceivedMessage delivered = received.stream().filter(m -> !m.mailFrom().isEmpty()).findFirst().orElseThrow();
        assertThat(delivered.mailParameter("ENVID")).isEmpty();
        assertThat(delivered.rcptParameters()).containsExactly("", "");
        ReceivedMessage report = received.stream().filter(m -> m.mailFrom().isEmpty()).findFirst().orElseThrow();
        assertThat(report.rcptTo()).containsExactly("carol@remote.example");
        assertThat(report.dataAsString()).contains("Original-Envelope-Id: relay-1")
                .contains("Final-Recipient: rfc822; bob@remote.example\r\nAction: relayed")
                .doesNotContain("dan@remote.example");
    }

    @Test
    void theParametersSurviveARestartWhileTheMailWaitsForItsNextHop() throws Exception {
        startSink(true);
        sink.stop();
        Path conf = conf();
        gateway = peers.start(conf, tmp.resolve("var"));
        send("ENVID=after-restart", "<bob@remote.example> NOTIFY=DELAY,FAILURE ORCPT=rfc822;bob@remote.example");
        H2OutgoingQueues outgoing = gateway.instance(H2OutgoingQueues.class);
        Await.until(Duration.ofSeconds(10), () -> outgoing.size() == 1 && outgoing.entries(1).get(0).failedAttempts() >= 1,
                () -> "a failed attempt while the next hop is down");
        peers.stopGateway();

        sink.restart();
        gateway = peers.start(conf, tmp.resolve("var"));
        ReceivedMessage delivered = sink.awaitMessage(Duration.ofSeconds(10));
        assertThat(delivered.mailParameter("ENVID")).contains("after-restart");
        assertThat(delivered.rcptParameters()).containsExactly("NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@remote.example");
    }
}

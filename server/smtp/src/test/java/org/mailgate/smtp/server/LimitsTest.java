package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The abuse limits over real sockets: each trips with its exact reply and does not trip just below.
 * 127.0.0.1 is kept out of {@code authorizedAddresses} where a volume limit is tested, since authorised
 * networks are exempt from those.
 */
class LimitsTest {

    static final String MESSAGE = "From: a@example.org\r\nSubject: hi\r\n\r\nHello\r\n";
    static final String NOT_LOOPBACK = "10.0.0.0/8";

    @Test
    void connectionsAMinuteFromOneClientAreLimitedAcrossConnections() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withConnectionRatePerIp(3))) {
            for (int i = 0; i < 3; i++) {
                try (SmtpDialogue smtp = server.connect()) {
                    assertThat(smtp.command("QUIT").code()).isEqualTo(221);
                }
            }
            try (SmtpDialogue fourth = server.open()) {
                SmtpReply refused = fourth.read();
                assertThat(refused).hasToString("421 4.7.0 Too many connections from your address in the last "
                        + "minute, try again later");
                fourth.expectClosed();
            }
            server.clock.advance(Duration.ofMinutes(2));
            try (SmtpDialogue later = server.connect()) {
                assertThat(later.command("NOOP").code()).isEqualTo(250);
            }
        }
    }

    @Test
    void authorizedNetworksAreExemptFromTheVolumeLimits() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "127.0.0.0/8",
                l -> l.withConnectionRatePerIp(1).withPerConnection(1, 1))) {
            for (int i = 0; i < 3; i++) {
                try (SmtpDialogue smtp = server.connect()) {
                    smtp.ehlo("client.example");
                    assertThat(smtp.sendMail("a@example.org", List.of("b@local.example", "c@local.example"), MESSAGE)
                            .code()).isEqualTo(250);
                    assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code())
                            .isEqualTo(250);
                }
            }
        }
    }

    @Test
    void messagesPerConnectionOverTheLimitEndTheSessionWith421() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withPerConnection(2, 0));
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code()).isEqualTo(250);
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<a@example.org>")).hasToString(
                    "421 4.7.0 Too many messages in this session, connect again to send more");
            smtp.expectClosed();
            assertThat(server.spool.accepted()).hasSize(2);
        }
    }

    @Test
    void recipientsPerConnectionOverTheLimitGet452() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withPerConnection(0, 3));
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example", "c@local.example"), MESSAGE).code())
                    .isEqualTo(250);
            smtp.send("MAIL FROM:<a@example.org>").expect(250);
            smtp.send("RCPT TO:<d@local.example>").expect(250);
            assertThat(smtp.command("RCPT TO:<e@local.example>")).hasToString(
                    "452 4.5.3 Too many recipients in this session, connect again to send more");
            smtp.send("DATA").expect(354);
            assertThat(smtp.sendData(MESSAGE.getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        }
    }

    @Test
    void messagesAMinuteAreCountedAcrossConnectionsAndRefusedWith451() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withRatesPerIp(2, 0))) {
            for (int i = 0; i < 2; i++) {
                try (SmtpDialogue smtp = server.connect()) {
                    smtp.ehlo("client.example");
                    assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code())
                            .isEqualTo(250);
                }
            }
            try (SmtpDialogue smtp = server.connect()) {
                smtp.ehlo("client.example");
                assertThat(smtp.command("MAIL FROM:<a@example.org>")).hasToString(
                        "451 4.7.0 Too many messages from your address in the last minute, try again later");
                server.clock.advance(Duration.ofMinutes(2));
                assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code())
                        .isEqualTo(250);
            }
        }
    }

    @Test
    void recipientsAMinuteAreCountedAcrossConnectionsAndRefusedWith452() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withRatesPerIp(0, 2))) {
            try (SmtpDialogue smtp = server.connect()) {
                smtp.ehlo("client.example");
                assertThat(smtp.sendMail("a@example.org", List.of("b@local.example", "c@local.example"), MESSAGE)
                        .code()).isEqualTo(250);
            }
            try (SmtpDialogue smtp = server.connect()) {
                smtp.ehlo("client.example");
                smtp.send("MAIL FROM:<a@example.org>").expect(250);
                assertThat(smtp.command("RCPT TO:<b@local.example>")).hasToString(
                        "452 4.5.3 Too many recipients from your address in the last minute, try again later");
            }
        }
    }

    @Test
    void theErrorLimitEndsTheSessionAfterTheReplyToTheLastError() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK, l -> l.withMaxErrors(3));
             SmtpDialogue smtp = server.connect()) {
            assertThat(smtp.command("FROB").code()).isEqualTo(500);
            assertThat(smtp.command("MAIL FROM:<a@example.org>").code()).as("before HELO").isEqualTo(503);
            assertThat(smtp.command("NOOP").code()).as("two errors are within the limit").isEqualTo(250);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<a@example.org>").expect(250);
            assertThat(smtp.command("RCPT TO:<x@elsewhere.example>").code()).isEqualTo(550);
            assertThat(smtp.read()).hasToString("421 4.7.0 Too many errors, closing connection");
            smtp.expectClosed();
        }
    }

    @Test
    void anIdleSessionOverItsTimeLimitIsToldWith421() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK,
                l -> l.withTimes(Duration.ofMillis(400), Duration.ZERO));
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            assertThat(smtp.read()).hasToString("421 4.4.2 Session time limit exceeded, closing connection");
            smtp.expectClosed();
        }
    }

    @Test
    void aClientTricklingDataPastTheSessionTimeLimitIsCut() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", NOT_LOOPBACK,
                l -> l.withTimes(Duration.ofMillis(500), Duration.ZERO));
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<a@example.org>").expect(250);
            smtp.send("RCPT TO:<b@local.example>").expect(250);
            smtp.send("DATA").expect(354);
            // The dialogue's own socket is written to from a second thread, one short line at a time,
            // never pausing long enough for the idle timeout: only the session time limit can stop it.
            Thread writer = Thread.ofVirtual().start(() -> trickle(smtp));
            try {
                assertThat(smtp.read()).hasToString("421 4.4.2 Session time limit exceeded, closing connection");
            } finally {
                writer.interrupt();
                writer.join();
            }
            assertThat(server.spool.accepted()).isEmpty();
        }
    }

    private static void trickle(SmtpDialogue smtp) {
        try {
            smtp.sendRaw("Subject: slow\r\n\r\n");
            while (!Thread.currentThread().isInterrupted()) {
                smtp.sendRaw("x\r\n");
            }
        } catch (RuntimeException closedByServer) {
            // the server cut the connection: what the test waits for
        }
    }

    @Test
    void aClientThatTalksBeforeTheGreetingIsRefused() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "127.0.0.0/8",
                l -> l.withTimes(Duration.ofMinutes(30), Duration.ofMillis(300)));
             SmtpDialogue early = server.open()) {
            early.sendRaw("EHLO eager.example\r\nMAIL FROM:<spam@example.org>\r\n");
            assertThat(early.read()).hasToString("554 5.5.1 Protocol error: you sent commands before the greeting");
            early.expectClosed();
        }
    }

    @Test
    void aPatientClientIsGreetedAfterTheDelay() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "127.0.0.0/8",
                l -> l.withTimes(Duration.ofMinutes(30), Duration.ofMillis(300)));
             SmtpDialogue patient = server.connect()) {
            patient.ehlo("patient.example");
            assertThat(patient.sendMail("a@example.org", List.of("b@local.example"), MESSAGE).code()).isEqualTo(250);
        }
    }

    @Test
    void tooManyHeaderFieldsAreReadToTheEndThenRefused() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "127.0.0.0/8", l -> l.withHeaders(4, 0));
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            String four = "A: 1\r\nB: 2\r\n folded\r\nC: 3\r\nD: 4\r\n\r\nE: body, not a header\r\n";
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), four).code()).isEqualTo(250);
            String five = "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\nbody\r\n";
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), five))
                    .hasToString("552 5.3.4 Message has too many header fields");
            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
            assertThat(server.spool.accepted()).hasSize(1);
        }
    }

    @Test
    void anIpv6ClientIsNamedByItsAddressLiteralAndMatchedAgainstIpv6Networks() throws Exception {
        try (ServerFixture server = new ServerFixture("::1", "::1/128", l -> l);
             SmtpDialogue smtp = server.connect()) {
            assertThat(smtp.ehlo("client.example").lines().get(0))
                    .isEqualTo("mx.local.example Hello client.example [IPv6:::1]");
            assertThat(smtp.command("HELO client.example")).as("HELO names it as EHLO does")
                    .hasToString("250 mx.local.example Hello client.example [IPv6:::1]");
            assertThat(smtp.sendMail("a@example.org", List.of("someone@elsewhere.example"), MESSAGE).code())
                    .as("::1 is authorised: it may relay").isEqualTo(250);
            RecordingSpool.Accepted accepted = server.spool.accepted().get(0);
            assertThat(accepted.text()).startsWith("Received: from client.example (unknown [IPv6:::1])\r\n");
            assertThat(accepted.arrival().remoteAddr()).isEqualTo("::1");
        }
    }

    @Test
    void anIpv6ClientOutsideTheAuthorizedNetworksMayNotRelay() throws Exception {
        try (ServerFixture server = new ServerFixture("::1", "127.0.0.0/8, 2001:db8::/32", l -> l);
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<a@example.org>").expect(250);
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.example>").code()).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<b@local.example>").code()).isEqualTo(250);
        }
    }

    @Test
    void ipv6ClientsAreHeldToThePerClientLimits() throws Exception {
        try (ServerFixture server = new ServerFixture("::1", "10.0.0.0/8", l -> l.withConnectionRatePerIp(1))) {
            try (SmtpDialogue first = server.connect()) {
                assertThat(first.command("QUIT").code()).isEqualTo(221);
            }
            try (SmtpDialogue second = server.open()) {
                assertThat(second.read().code()).isEqualTo(421);
            }
        }
    }
}

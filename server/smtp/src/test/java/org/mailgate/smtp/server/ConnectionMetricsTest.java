package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * What an SMTP server counts of its connections (opened, open now, refused at connect by reason) and of
 * its replies (by code, and refusals by the command they answer).
 */
class ConnectionMetricsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    static SmtpServerConfig config(int connectionLimit, String authorized) {
        return SmtpServerConfig.of(new InetSocketAddress("127.0.0.1", 0), "mx.local.example",
                NetworkList.parse(authorized)).withConnectionLimits(connectionLimit, 0);
    }

    @Test
    void connectionsAreCountedWhenOpenedWhileOpenAndWhenRefusedAtTheLimit() throws Exception {
        try (ServerFixture server = new ServerFixture(config(1, "127.0.0.0/8"), l -> l)) {
            try (SmtpDialogue first = server.connect(); SmtpDialogue second = server.open()) {
                assertThat(second.read().code()).isEqualTo(421);
                assertThat(server.metrics.openConnections("smtpserver")).isEqualTo(1);
                assertThat(first.command("NOOP").code()).isEqualTo(250);
            }
            Await.until(WAIT, () -> server.metrics.openConnections("smtpserver") == 0, () -> "connections closed");

            assertThat(server.metrics.count("opened smtpserver")).isEqualTo(2);
            assertThat(server.metrics.count("refused smtpserver connection_limit")).isEqualTo(1);
        }
    }

    @Test
    void aClientOverItsConnectionRateIsCountedAsRefused() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "10.0.0.0/8", l -> l.withConnectionRatePerIp(1))) {
            try (SmtpDialogue smtp = server.connect()) {
                smtp.command("QUIT");
            }
            try (SmtpDialogue refused = server.open()) {
                assertThat(refused.read().code()).isEqualTo(421);
            }

            assertThat(server.metrics.count("refused smtpserver connection_rate")).isEqualTo(1);
        }
    }

    @Test
    void anEarlyTalkerIsCountedAsRefused() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "127.0.0.0/8",
                l -> l.withTimes(Duration.ofMinutes(30), Duration.ofMillis(300)));
             SmtpDialogue early = server.open()) {
            early.sendRaw("EHLO eager.example\r\n");
            assertThat(early.read().code()).isEqualTo(554);

            Await.until(WAIT, () -> server.metrics.count("refused smtpserver early_talker") == 1,
                    () -> "the early talker counted");
        }
    }

    @Test
    void refusalsAreCountedByTheCommandTheyAnswer() throws Exception {
        try (ServerFixture server = new ServerFixture("127.0.0.1", "10.0.0.0/8", l -> l);
             SmtpDialogue smtp = server.connect()) {
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:<a@example.org> BOGUS=1").code()).isEqualTo(555);
            smtp.send("MAIL FROM:<a@example.org>").expect(250);
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.example>").code()).isEqualTo(550);
            assertThat(smtp.command("DATA").code()).isEqualTo(554);
            assertThat(smtp.command("FOO").code()).isEqualTo(500);
            smtp.send("RSET").expect(250);
            assertThat(smtp.sendMail("a@example.org", List.of("b@local.example"), "Subject: hi\r\n\r\nhi\r\n").code())
                    .isEqualTo(250);

            assertThat(server.metrics.count("reply mail 555")).isEqualTo(1);
            assertThat(server.metrics.count("reply rcpt 550")).isEqualTo(1);
            assertThat(server.metrics.count("reply data 554")).isEqualTo(1);
            assertThat(server.metrics.count("reply other 500")).isEqualTo(1);
            assertThat(server.metrics.count("reply data 250")).as("the 250 after the message").isEqualTo(1);
            assertThat(server.metrics.count("accepted")).isEqualTo(1);
        }
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.spool.QueueEntry;
import org.mailgate.spool.SpoolStore;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * Fairness of remote delivery: slow.example's MX holds every transaction (the sink withholds its answer
 * to the end of DATA), yet with three delivery workers and at most two deliveries per destination, mail
 * for remote.example keeps being delivered meanwhile, and the mail waiting for slow.example loses none of
 * its retries.
 */
class SlowDestinationTest {

    static final int WORKERS = 3;
    static final int PER_DESTINATION = 2;
    static final int SLOW_MESSAGES = 5;

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    void send(SmtpDialogue smtp, String to, String subject) {
        assertThat(smtp.sendMail("alice@local.example", List.of(to), "Subject: " + subject + "\r\n\r\nhello\r\n")
                .code()).isEqualTo(250);
    }

    List<QueueEntry> outgoing() {
        return peers.gateway().instance(H2OutgoingQueues.class).entries(100);
    }

    @Test
    void aSlowDomainHoldsNoMoreThanItsLimitWhileAnotherDomainKeepsFlowing() throws Exception {
        peers.dns().mx("slow.example", 10, "mx.slow.example").a("mx.slow.example", "127.0.0.1");
        peers.sink().holdMessagesTo("slow.example");
        peers.start(peers.conf().deliveryParameters("""
                <bounceProcessor>error</bounceProcessor>
                <deliveryThreads>%d</deliveryThreads>
                <maxConnectionsPerDestination>%d</maxConnectionsPerDestination>"""
                .formatted(WORKERS, PER_DESTINATION)).writeTo(tmp.resolve("conf")), tmp.resolve("var"));
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            for (int i = 1; i <= SLOW_MESSAGES; i++) {
                send(smtp, "user" + i + "@slow.example", "slow " + i);
            }
            try {
                peers.sink().awaitHeld(PER_DESTINATION, Duration.ofSeconds(10));
                Await.until(Duration.ofSeconds(10), () -> outgoing().stream()
                                .filter(e -> e.lastError() != null && e.lastError().contains("waiting for room at slow.example"))
                                .count() == SLOW_MESSAGES - PER_DESTINATION,
                        () -> "the slow mail beyond the limit waits for room: " + outgoing());

                for (int i = 1; i <= 3; i++) {
                    send(smtp, "bob" + i + "@remote.example", "fast " + i);
                    ReceivedMessage fast = peers.sink().awaitMessages(i, Duration.ofSeconds(5)).get(i - 1);
                    assertThat(fast.rcptTo()).containsExactly("bob" + i + "@remote.example");
                }

                assertThat(peers.sink().heldCount()).as("slow.example's deliveries are still under way")
                        .isEqualTo(PER_DESTINATION);
                assertThat(outgoing()).filteredOn(e -> e.recipients().get(0).endsWith("@slow.example"))
                        .hasSize(SLOW_MESSAGES).allSatisfy(e -> assertThat(e.failedAttempts())
                                .as("waiting for room is no failed attempt").isZero());
            } finally {
                peers.sink().releaseHeldMessages();
            }
        }

        List<ReceivedMessage> all = peers.sink().awaitMessages(3 + SLOW_MESSAGES, Duration.ofSeconds(20));
        assertThat(all).filteredOn(m -> m.rcptTo().get(0).endsWith("@slow.example")).hasSize(SLOW_MESSAGES);
        assertThat(peers.sink().mostHeldAtOnce()).isEqualTo(PER_DESTINATION);
        Await.until(Duration.ofSeconds(5), () -> peers.gateway().instance(SpoolStore.class).size() == 0
                && peers.gateway().instance(H2OutgoingQueues.class).size() == 0, () -> "queues empty");
        assertThat(peers.sink().messageCount()).as("each message once").isEqualTo(3 + SLOW_MESSAGES);
    }
}

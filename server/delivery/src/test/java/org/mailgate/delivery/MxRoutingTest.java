package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;

/**
 * Several recording sinks playing different MX hosts, all on one port as MX hosts are, each on its own
 * loopback address: MX preference, every address of an MX host before the next host, and a connection
 * dropped in the middle of DATA (retried, delivered once).
 */
class MxRoutingTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final StaticDns dns = new StaticDns();
    final RecordingStore store = new RecordingStore();
    final List<RecordingSmtpSink> sinks = new ArrayList<>();
    RemoteDeliveryService service;
    int port;
    long nextEntry = 1;

    @BeforeEach
    void start() {
        service = new RemoteDeliveryService(store, store, dns, clock, DeliveryDefaults.of("gate.test",
                FakeMail.address("postmaster@gate.test")), MailMetrics.NONE);
        // mx1 (preference 10) has two addresses, mx2 (preference 20) one
        dns.mx("multi.example", 20, "mx2.multi.example").mx("multi.example", 10, "mx1.multi.example")
                .a("mx1.multi.example", "127.0.0.2").a("mx1.multi.example", "127.0.0.3")
                .a("mx2.multi.example", "127.0.0.4");
        RecordingSmtpSink probe = RecordingSmtpSink.start(SinkOptions.defaults(), "127.0.0.5");
        port = probe.port();
        probe.close();
    }

    @AfterEach
    void stop() {
        service.stop();
        sinks.forEach(RecordingSmtpSink::close);
    }

    RecordingSmtpSink sinkOn(String address) {
        RecordingSmtpSink sink = RecordingSmtpSink.start(SinkOptions.builder().port(port).build(), address);
        sinks.add(sink);
        return sink;
    }

    AttemptOutcome deliver(int failedAttempts) {
        long id = nextEntry++;
        DeliverySettings settings = new DeliverySettings("outgoing", RetrySchedule.parse("1 minute", 5), List.of(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.of("bounces"),
                Optional.empty(), 4, port);
        store.put(new OutgoingMail(id, new QueueId(id), "MAIL" + id, "outgoing",
                MaybeSender.of(FakeMail.address("alice@example.org")), List.of(FakeMail.address("bob@multi.example")),
                failedAttempts, NOW, new MessageParts("Subject: mx\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayBodySource("hello\r\n".getBytes(StandardCharsets.US_ASCII))), false));
        store.declare(settings);
        service.deliver(id);
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    @Test
    void theMostPreferredMxHostGetsTheMail() {
        RecordingSmtpSink mx1 = sinkOn("127.0.0.2");
        RecordingSmtpSink mx2 = sinkOn("127.0.0.4");

        assertThat(deliver(0).deferred()).isEmpty();

        assertThat(mx1.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@multi.example");
        assertThat(mx2.messageCount()).isZero();
    }

    @Test
    void everyAddressOfAnMxHostIsTriedBeforeTheNextHost() {
        RecordingSmtpSink secondAddress = sinkOn("127.0.0.3");
        RecordingSmtpSink mx2 = sinkOn("127.0.0.4");

        assertThat(deliver(0).deferred()).isEmpty();

        assertThat(secondAddress.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@multi.example");
        assertThat(mx2.messageCount()).isZero();
    }

    @Test
    void whenNoAddressOfTheFirstHostAnswersTheNextHostGetsTheMail() {
        RecordingSmtpSink mx2 = sinkOn("127.0.0.4");

        assertThat(deliver(0).deferred()).isEmpty();

        assertThat(mx2.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@multi.example");
    }

    @Test
    void whenNoHostAnswersTheMailIsDeferred() {
        AttemptOutcome outcome = deliver(0);

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("127.0.0.4");
    }

    @Test
    void aConnectionDroppedDuringDataIsRetriedAndTheMailDeliveredOnce() {
        RecordingSmtpSink mx1 = sinkOn("127.0.0.2");
        mx1.dropConnectionDuringData(1);

        AttemptOutcome first = deliver(0);
        assertThat(first.deferred()).as("the message may not have arrived: try again later, not elsewhere")
                .hasSize(1);
        assertThat(mx1.messageCount()).isZero();

        assertThat(deliver(1).deferred()).isEmpty();
        assertThat(mx1.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(mx1.messageCount()).isOne();
    }

    DeliverySettings gateways(boolean loadBalancing, Optional<java.net.InetAddress> bind, String... hosts) {
        return new DeliverySettings("outgoing", RetrySchedule.parse("1 minute", 5),
                java.util.Arrays.stream(hosts).map(h -> new org.mailgate.api.net.HostAndPort(h, port)).toList(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.of("bounces"), Optional.empty(),
                4, 25, org.mailgate.api.delivery.TlsSettings.DEFAULTS, 4, Optional.empty(), loadBalancing, bind);
    }

    AttemptOutcome deliver(DeliverySettings settings) {
        long id = nextEntry++;
        store.put(new OutgoingMail(id, new QueueId(id), "MAIL" + id, "outgoing",
                MaybeSender.of(FakeMail.address("alice@example.org")), List.of(FakeMail.address("bob@far.example")),
                0, NOW, new MessageParts("Subject: gw\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayBodySource("hello\r\n".getBytes(StandardCharsets.US_ASCII))), false));
        store.declare(settings);
        service.deliver(id);
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    @Test
    void withoutLoadBalancingTheFirstGatewayTakesEverythingWhileItAnswers() {
        dns.a("gw1.example", "127.0.0.2").a("gw2.example", "127.0.0.3");
        RecordingSmtpSink gw1 = sinkOn("127.0.0.2");
        RecordingSmtpSink gw2 = sinkOn("127.0.0.3");
        DeliverySettings ordered = gateways(false, Optional.empty(), "gw1.example", "gw2.example");

        for (int i = 0; i < 6; i++) {
            assertThat(deliver(ordered).deferred()).isEmpty();
        }

        assertThat(gw1.awaitMessages(6, Duration.ofSeconds(5))).hasSize(6);
        assertThat(gw2.messageCount()).isZero();
    }

    @Test
    void withLoadBalancingBothGatewaysGetMail() {
        dns.a("gw1.example", "127.0.0.2").a("gw2.example", "127.0.0.3");
        RecordingSmtpSink gw1 = sinkOn("127.0.0.2");
        RecordingSmtpSink gw2 = sinkOn("127.0.0.3");
        DeliverySettings balanced = gateways(true, Optional.empty(), "gw1.example", "gw2.example");

        // with a fair shuffle, 40 messages all to one gateway has a chance of 2^-39
        for (int i = 0; i < 40; i++) {
            assertThat(deliver(balanced).deferred()).isEmpty();
        }

        assertThat(gw1.messageCount() + gw2.messageCount()).isEqualTo(40);
        assertThat(gw1.messageCount()).isPositive();
        assertThat(gw2.messageCount()).isPositive();
    }

    @Test
    void connectionsComeFromTheBindAddress() throws Exception {
        dns.a("gw1.example", "127.0.0.2");
        RecordingSmtpSink gw1 = sinkOn("127.0.0.2");

        assertThat(deliver(gateways(false, Optional.of(java.net.InetAddress.getByName("127.0.0.7")), "gw1.example"))
                .deferred()).isEmpty();

        assertThat(gw1.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@far.example");
        assertThat(gw1.clientAddresses()).containsOnly("127.0.0.7");
    }
}

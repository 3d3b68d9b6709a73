package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.testkit.smtp.RecordingSmtpSink;

/**
 * A destination with {@code maxConnectionsPerDestination} deliveries under way: further mail for it is not
 * tried and waits briefly, without a failed attempt, while mail for other destinations is delivered at
 * once. The sink plays the slow server of slow.example by holding its messages until the test lets go.
 */
class BusyDestinationTest {

    static final java.time.Instant NOW = RemoteDeliveryServiceTest.NOW;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final StaticDns dns = new StaticDns();
    final RecordingStore store = new RecordingStore();
    RecordingSmtpSink sink;
    RemoteDeliveryService service;
    DeliverySettings settings;

    @BeforeEach
    void start() {
        sink = RecordingSmtpSink.start();
        dns.mx("slow.example", 10, "mx.slow.example").a("mx.slow.example", "127.0.0.1")
                .mx("fast.example", 10, "mx.fast.example").a("mx.fast.example", "127.0.0.1");
        service = new RemoteDeliveryService(store, store, dns, clock, DeliveryDefaults.of("gate.test",
                org.mailgate.testkit.mailet.FakeMail.address("postmaster@gate.test")), MailMetrics.NONE);
        settings = new DeliverySettings("outgoing", RetrySchedule.parse("1 minute, 5 minutes", 5), List.of(),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(30), Optional.of("bounces"),
                Optional.empty(), 4, sink.port(), TlsSettings.DEFAULTS, 1);
        store.declare(settings);
        sink.holdMessagesTo("slow.example");
    }

    @AfterEach
    void stop() {
        sink.close();
        service.stop();
    }

    OutgoingMail entry(long id, String... recipients) {
        OutgoingMail mail = new OutgoingMail(id, new QueueId(id), "mail" + id, "outgoing",
                MaybeSender.of(RemoteDeliveryServiceTest.address("alice@example.org")),
                Arrays.stream(recipients).map(RemoteDeliveryServiceTest::address).toList(), 0, NOW,
                new MessageParts(RemoteDeliveryServiceTest.HEADERS.getBytes(StandardCharsets.US_ASCII),
                        new ByteArrayBodySource(RemoteDeliveryServiceTest.BODY.getBytes(StandardCharsets.US_ASCII))),
                false);
        store.put(mail);
        return mail;
    }

    /** Delivers on this thread; the outcome is the one recorded last (the held delivery records only later). */
    AttemptOutcome deliver(OutgoingMail mail) {
        service.deliver(mail.entryId());
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    @Test
    void mailForABusyDestinationWaitsBrieflyWhileOtherDestinationsAreDelivered() throws Exception {
        OutgoingMail first = entry(1, "bob@slow.example");
        Thread held = Thread.ofVirtual().start(() -> service.deliver(first.entryId()));
        sink.awaitHeld(1, Duration.ofSeconds(10));

        AttemptOutcome waiting = deliver(entry(2, "carol@slow.example"));
        AttemptOutcome other = deliver(entry(3, "dave@fast.example"));
        AttemptOutcome mixed = deliver(entry(4, "erin@slow.example", "frank@fast.example"));

        assertThat(waiting.deferred()).extracting(MailAddress::asString).containsExactly("carol@slow.example");
        assertThat(waiting.failedAttempt()).as("not tried: no failed attempt").isFalse();
        assertThat(waiting.retryAt()).contains(NOW.plus(DestinationLimits.BUSY_RETRY));
        assertThat(waiting.deferReason()).contains("waiting for room at slow.example");
        assertThat(other.delivered().recipients()).extracting(MailAddress::asString).containsExactly("dave@fast.example");
        assertThat(mixed.delivered().recipients()).extracting(MailAddress::asString).containsExactly("frank@fast.example");
        assertThat(mixed.deferred()).extracting(MailAddress::asString).containsExactly("erin@slow.example");
        assertThat(mixed.failedAttempt()).isFalse();
        assertThat(sink.messages()).extracting(m -> m.rcptTo().get(0))
                .containsExactly("dave@fast.example", "frank@fast.example");
        assertThat(sink.heldCount()).as("the slow delivery is still under way").isOne();

        sink.releaseHeldMessages();
        held.join();
        assertThat(store.outcomes.get(store.outcomes.size() - 1).delivered().recipients())
                .extracting(MailAddress::asString).containsExactly("bob@slow.example");
        assertThat(deliver(entry(5, "carol@slow.example")).delivered().recipients()).hasSize(1);
        assertThat(sink.mostHeldAtOnce()).isOne();
    }
}

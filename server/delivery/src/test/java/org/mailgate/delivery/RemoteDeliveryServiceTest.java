package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.metrics.RecordingMailMetrics;
import org.mailgate.testkit.smtp.SinkOptions;

class RemoteDeliveryServiceTest {

    static final String HEADERS = "From: alice@example.org\r\nSubject: delivery\r\n\r\n";
    static final String BODY = "line one\r\n.starts with a dot\r\n..two dots\r\nlast\r\n";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final StaticDns dns = new StaticDns();
    final RecordingStore store = new RecordingStore();
    RecordingSmtpSink sink;
    RemoteDeliveryService service;

    @BeforeEach
    void start() {
        sink = RecordingSmtpSink.start(SinkOptions.defaults());
        service = new RemoteDeliveryService(store, store, dns, clock, DeliveryDefaults.of("gate.test",
                org.mailgate.testkit.mailet.FakeMail.address("postmaster@gate.test")), MailMetrics.NONE);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    DeliverySettings settings(List<HostAndPort> gateways, int maxRetries) {
        return new DeliverySettings("outgoing", RetrySchedule.parse("1 minute, 5 minutes", maxRetries), gateways,
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.of("bounces"), Optional.empty(), 4,
                sink.port());
    }

    OutgoingMail entry(int failedAttempts, String... recipients) {
        return entry(1, failedAttempts, recipients);
    }

    OutgoingMail entry(long id, int failedAttempts, String... recipients) {
        return entry(id, failedAttempts, NOW, false, recipients);
    }

    /** An entry queued at {@code queuedAt}, whose sender was or was not told of a delay yet. */
    OutgoingMail entry(long id, int failedAttempts, Instant queuedAt, boolean delayWarned, String... recipients) {
        OutgoingMail mail = new OutgoingMail(id, new QueueId(42), "000000002A", "outgoing",
                MaybeSender.of(address("alice@example.org")),
                java.util.Arrays.stream(recipients).map(RemoteDeliveryServiceTest::address).toList(), failedAttempts,
                queuedAt, new MessageParts(HEADERS.getBytes(StandardCharsets.US_ASCII),
                new ByteArrayBodySource(BODY.getBytes(StandardCharsets.US_ASCII))), delayWarned);
        store.put(mail);
        return mail;
    }

    DeliverySettings withoutBounceProcessor(Duration maxAge, Optional<Duration> delayWarning) {
        DeliverySettings s = settings(List.of(), 5);
        return new DeliverySettings(s.queueName(), s.retries().withLimits(maxAge, delayWarning), s.gateways(),
                s.heloName(), s.connectTimeout(), s.readTimeout(), Optional.empty(), Optional.empty(),
                s.maxDeliveries(), s.mxPort(), s.tls());
    }

    static String text(org.apache.mailet.Mail mail) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static MailAddress address(String s) {
        try {
            return new MailAddress(s);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    AttemptOutcome deliver(OutgoingMail mail, DeliverySettings settings) {
        store.declare(settings);
        service.deliver(mail.entryId());
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    @Test
    void countsRecipientsByDomainTheTimeTakenAndConnectionsOpenedAndReused() {
        RecordingMailMetrics metrics = new RecordingMailMetrics();
        service = new RemoteDeliveryService(store, store, dns, clock, DeliveryDefaults.of("gate.test",
                org.mailgate.testkit.mailet.FakeMail.address("postmaster@gate.test")), metrics);
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        try {
            deliver(entry(1, 0, "bob@remote.example", "carol@remote.example"), settings(List.of(), 5));
            deliver(entry(2, 0, "dave@remote.example"), settings(List.of(), 5));
        } finally {
            service.stop();
        }

        assertThat(metrics.count("delivery delivered remote.example")).isEqualTo(3);
        assertThat(metrics.count("duration remote.example")).as("one per message and domain").isEqualTo(2);
        assertThat(metrics.count("connection opened")).isEqualTo(1);
        assertThat(metrics.count("connection reused")).isEqualTo(1);
    }

    @Test
    void deliversToTheMxHostExactlyAsStored() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example", "carol@remote.example"), settings(List.of(), 5));

        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).isEmpty();
        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(5));
        assertThat(received.mailFrom()).isEqualTo("alice@example.org");
        assertThat(received.rcptTo()).containsExactly("bob@remote.example", "carol@remote.example");
        assertThat(received.dataAsString()).isEqualTo(HEADERS + BODY);
        assertThat(received.helo()).isEqualTo("gate.test");
    }

    @Test
    void aRefusedRecipientFailsAloneWithTheServersReply() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.rejectRecipient("carol@remote.example", 550, "5.1.1 no such user carol");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example", "carol@remote.example"), settings(List.of(), 5));

        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(outcome.failure().recipients()).extracting(MailAddress::asString).containsExactly("carol@remote.example");
        assertThat(outcome.failure().reason()).contains("550 5.1.1 no such user carol");
        assertThat(outcome.failure().processor()).contains("bounces");
        assertThat(outcome.deferred()).isEmpty();
    }

    @Test
    void aTemporaryFailureIsRetriedOnTheSchedule() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.failNextMessages(1, 451, "4.3.0 try later");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example"), settings(List.of(), 5));

        assertThat(outcome.deferred()).extracting(MailAddress::asString).containsExactly("bob@remote.example");
        assertThat(outcome.retryAt()).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(outcome.deferReason()).contains("451 4.3.0 try later");
        assertThat(deliver(entry(1, "bob@remote.example"), settings(List.of(), 5)).deferred()).isEmpty();
        assertThat(sink.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void afterTheLastRetryTheMailFails() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.failNextMessages(1, 451, "4.3.0 still busy");
        AttemptOutcome outcome = deliver(entry(5, "bob@remote.example"), settings(List.of(), 5));
        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).hasSize(1);
        assertThat(outcome.failure().reason()).contains("gave up after 6 attempts").contains("451 4.3.0 still busy");
    }

    @Test
    void withoutBounceProcessorTheSenderGetsOneReportNamingTheFailedRecipient() throws Exception {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.rejectRecipient("carol@remote.example", 550, "5.1.1 no such user carol");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example", "carol@remote.example"),
                withoutBounceProcessor(Duration.ofDays(5), Optional.empty()));

        org.apache.mailet.Mail report = outcome.failure().report().orElseThrow();
        assertThat(report.getMaybeSender().isNullSender()).isTrue();
        assertThat(report.getRecipients()).extracting(MailAddress::asString).containsExactly("alice@example.org");
        assertThat(text(report)).contains("Final-Recipient: rfc822; carol@remote.example").contains("Status: 5.1.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 no such user carol")
                .doesNotContain("Final-Recipient: rfc822; bob@remote.example");
        assertThat(outcome.failure().processor()).isEmpty();
    }

    @Test
    void aMessageOlderThanItsAgeLimitIsGivenUpOnAtItsNextTemporaryFailure() throws Exception {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.failNextMessages(1, 451, "4.3.0 still busy");
        AttemptOutcome outcome = deliver(entry(1, 2, NOW.minus(Duration.ofHours(2)), false, "bob@remote.example"),
                withoutBounceProcessor(Duration.ofHours(1), Optional.empty()));

        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).extracting(MailAddress::asString).containsExactly("bob@remote.example");
        assertThat(text(outcome.failure().report().orElseThrow())).contains("Action: failed").contains("Status: 5.3.0")
                .contains("451 4.3.0 still busy");
    }

    @Test
    void theSenderIsWarnedOnceWhenDeliveryTakesLongerThanTheDelayWarningTime() throws Exception {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        DeliverySettings settings = withoutBounceProcessor(Duration.ofDays(5), Optional.of(Duration.ofHours(4)));

        sink.failNextMessages(1, 451, "4.3.0 still busy");
        AttemptOutcome early = deliver(entry(1, 1, NOW.minus(Duration.ofHours(3)), false, "bob@remote.example"), settings);
        assertThat(early.deferred()).hasSize(1);
        assertThat(early.delayReport()).as("not yet four hours").isEmpty();

        sink.failNextMessages(1, 451, "4.3.0 still busy");
        AttemptOutcome late = deliver(entry(2, 2, NOW.minus(Duration.ofHours(5)), false, "bob@remote.example"), settings);
        assertThat(late.deferred()).hasSize(1);
        assertThat(text(late.delayReport().orElseThrow())).contains("Action: delayed").contains("Status: 4.3.0")
                .contains("THIS IS A WARNING ONLY").contains("text/rfc822-headers");

        sink.failNextMessages(1, 451, "4.3.0 still busy");
        AttemptOutcome warned = deliver(entry(3, 3, NOW.minus(Duration.ofHours(6)), true, "bob@remote.example"), settings);
        assertThat(warned.delayReport()).as("once per message").isEmpty();
    }

    @Test
    void anUnreachableHostIsSkippedForTheNextMx() throws Exception {
        int closedPortAddressHasNoListener;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.2", sink.port()));
            closedPortAddressHasNoListener = probe.getLocalPort();
        }
        assertThat(closedPortAddressHasNoListener).isEqualTo(sink.port());
        dns.mx("remote.example", 10, "mx1.remote.example").a("mx1.remote.example", "127.0.0.2")
                .mx("remote.example", 20, "mx2.remote.example").a("mx2.remote.example", "127.0.0.1");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example"), settings(List.of(), 5));
        assertThat(outcome.deferred()).isEmpty();
        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@remote.example");
    }

    @Test
    void noListeningHostDefersWithTheConnectionError() {
        sink.stop();
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example"), settings(List.of(), 5));
        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("connect to mx.remote.example[127.0.0.1]");
    }

    @Test
    void aDomainThatDoesNotExistFailsAtOnce() {
        AttemptOutcome outcome = deliver(entry(0, "bob@nowhere.example"), settings(List.of(), 5));
        assertThat(outcome.failure().recipients()).hasSize(1);
        assertThat(outcome.failure().reason()).contains("domain nowhere.example does not exist");
    }

    @Test
    void aNullMxFailsAtOnce() {
        dns.mx("nomail.example", 0, ".");
        AttemptOutcome outcome = deliver(entry(0, "bob@nomail.example"), settings(List.of(), 5));
        assertThat(outcome.failure().reason()).contains("accepts no mail (null MX)");
    }

    @Test
    void aDnsFailureIsTemporary() {
        dns.failing("flaky.example");
        AttemptOutcome outcome = deliver(entry(0, "bob@flaky.example"), settings(List.of(), 5));
        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.failure().recipients()).isEmpty();
    }

    @Test
    void withMaxDnsProblemRetriesADnsProblemBecomesFinalAfterThatManyAttempts() {
        dns.failing("flaky.example");
        DeliverySettings s = settings(List.of(), 5);
        DeliverySettings strict = new DeliverySettings(s.queueName(), s.retries().withDnsProblemRetries(2),
                s.gateways(), s.heloName(), s.connectTimeout(), s.readTimeout(), s.failedProcessor(),
                s.successProcessor(), s.maxDeliveries(), s.mxPort(), s.tls());

        assertThat(deliver(entry(1, 1, "bob@flaky.example"), strict).deferred()).hasSize(1);
        AttemptOutcome outcome = deliver(entry(2, 2, "bob@flaky.example"), strict);
        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).hasSize(1);
        assertThat(outcome.failure().reason()).contains("SERVFAIL").contains("maxDnsProblemRetries is 2");
    }

    @Test
    void withoutMxTheDomainItselfIsTheHost() {
        dns.a("plain.example", "127.0.0.1");
        AttemptOutcome outcome = deliver(entry(0, "bob@plain.example"), settings(List.of(), 5));
        assertThat(outcome.deferred()).isEmpty();
        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo()).containsExactly("bob@plain.example");
    }

    @Test
    void aGatewayTakesAllMailWhateverTheMx() {
        AttemptOutcome outcome = deliver(entry(0, "bob@remote.example", "dan@other.example"),
                settings(List.of(new HostAndPort("127.0.0.1", sink.port())), 5));
        assertThat(outcome.deferred()).isEmpty();
        assertThat(outcome.failure().recipients()).isEmpty();
        assertThat(sink.awaitMessage(Duration.ofSeconds(5)).rcptTo())
                .containsExactly("bob@remote.example", "dan@other.example");
    }

    @Test
    void recipientsOfDifferentDomainsGoInSeparateTransactions() {
        dns.mx("one.example", 10, "mx.one.example").a("mx.one.example", "127.0.0.1")
                .mx("two.example", 10, "mx.two.example").a("mx.two.example", "127.0.0.1");
        deliver(entry(0, "a@one.example", "b@two.example", "c@one.example"), settings(List.of(), 5));
        List<ReceivedMessage> received = sink.awaitMessages(2, Duration.ofSeconds(5));
        assertThat(received).extracting(ReceivedMessage::rcptTo).containsExactlyInAnyOrder(
                List.of("a@one.example", "c@one.example"), List.of("b@two.example"));
    }

    @Test
    void oneConnectionCarriesSeveralMessagesEachWithItsOwnEnvelope() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        sink.rejectRecipient("nobody@remote.example", 550, "5.1.1 no such user");
        DeliverySettings settings = settings(List.of(), 5);
        deliver(entry(1, 0, "a@remote.example", "b@remote.example"), settings);
        deliver(entry(2, 0, "nobody@remote.example"), settings);
        deliver(entry(3, 0, "c@remote.example"), settings);
        List<ReceivedMessage> received = sink.awaitMessages(2, Duration.ofSeconds(5));
        assertThat(received).extracting(ReceivedMessage::rcptTo)
                .containsExactly(List.of("a@remote.example", "b@remote.example"), List.of("c@remote.example"));
        assertThat(sink.connectionCount()).as("one connection for all three").isEqualTo(1);
    }

    @Test
    void aConnectionTheServerClosedIsReplacedByANewOne() {
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
        DeliverySettings settings = settings(List.of(), 5);
        deliver(entry(1, 0, "a@remote.example"), settings);
        sink.stop();
        sink.restart();
        AttemptOutcome outcome = deliver(entry(2, 0, "b@remote.example"), settings);
        assertThat(outcome.deferred()).isEmpty();
        assertThat(sink.awaitMessages(2, Duration.ofSeconds(5))).extracting(ReceivedMessage::rcptTo)
                .containsExactly(List.of("a@remote.example"), List.of("b@remote.example"));
    }
}

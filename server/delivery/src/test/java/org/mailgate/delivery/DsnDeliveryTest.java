package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.dsn.OriginalRecipient;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;

/**
 * The sender's DSN request (RFC 3461) in remote delivery: passed on to a next hop that offers DSN,
 * honoured in the failure report, the delay warning and the "relayed" report otherwise.
 */
class DsnDeliveryTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String HEADERS = "From: alice@example.org\r\nSubject: dsn\r\n\r\n";
    static final String BODY = "the body of the message\r\n";
    static final MailAddress BOB = RemoteDeliveryServiceTest.address("bob@remote.example");
    static final MailAddress CAROL = RemoteDeliveryServiceTest.address("carol@remote.example");
    static final MailAddress DAVE = RemoteDeliveryServiceTest.address("dave@remote.example");
    static final MailAddress ERIN = RemoteDeliveryServiceTest.address("erin@remote.example");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RecordingStore store = new RecordingStore();
    RecordingSmtpSink sink;
    RemoteDeliveryService service;

    /** Bob wants news of success and failure, Carol none, Dave said nothing, Erin only of delays. */
    static DsnRequest request(Ret ret) {
        Map<MailAddress, DsnRequest.RecipientRequest> recipients = new LinkedHashMap<>();
        recipients.put(BOB, new DsnRequest.RecipientRequest(Optional.of(EnumSet.of(Notify.SUCCESS, Notify.FAILURE)),
                Optional.of(OriginalRecipient.parse("rfc822;Bob+2Btag@Remote.example"))));
        recipients.put(CAROL, new DsnRequest.RecipientRequest(Optional.of(EnumSet.of(Notify.NEVER)), Optional.empty()));
        recipients.put(ERIN, new DsnRequest.RecipientRequest(Optional.of(EnumSet.of(Notify.DELAY)), Optional.empty()));
        return new DsnRequest(Optional.of("QQ+2B314159"), Optional.ofNullable(ret), recipients);
    }

    void startSink(boolean offersDsn) {
        List<String> keywords = new ArrayList<>(SinkOptions.DEFAULT_EHLO_KEYWORDS);
        if (offersDsn) {
            keywords.add("DSN");
        }
        sink = RecordingSmtpSink.start(SinkOptions.builder().ehloKeywords(keywords).build());
    }

    @BeforeEach
    void startService() {
        service = new RemoteDeliveryService(store, store, new StaticDns(), clock, DeliveryDefaults.of("gate.test",
                RemoteDeliveryServiceTest.address("postmaster@gate.test")), MailMetrics.NONE);
    }

    @AfterEach
    void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    /** Through the sink as gateway, without bounceProcessor, warning of delays after {@code delayWarning}. */
    DeliverySettings settings(Optional<Duration> delayWarning) {
        DeliverySettings s = new DeliverySettings("outgoing", RetrySchedule.parse("1 minute", 5),
                List.of(new HostAndPort("127.0.0.1", sink.port())), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Optional.empty(), Optional.empty(), 4, sink.port());
        return new DeliverySettings(s.queueName(), s.retries().withLimits(Duration.ofDays(5), delayWarning),
                s.gateways(), s.heloName(), s.connectTimeout(), s.readTimeout(), Optional.empty(), Optional.empty(),
                s.maxDeliveries(), s.mxPort(), s.tls());
    }

    OutgoingMail entry(DsnRequest dsn, Instant queuedAt, MailAddress... recipients) {
        OutgoingMail mail = new OutgoingMail(1, new QueueId(42), "000000002A", "outgoing",
                MaybeSender.of(RemoteDeliveryServiceTest.address("alice@example.org")), List.of(recipients), 1,
                queuedAt, new MessageParts(HEADERS.getBytes(StandardCharsets.US_ASCII),
                new ByteArrayBodySource(BODY.getBytes(StandardCharsets.US_ASCII))), false, dsn);
        store.put(mail);
        return mail;
    }

    AttemptOutcome deliver(OutgoingMail mail, DeliverySettings settings) {
        store.declare(settings);
        service.deliver(mail.entryId());
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    @Test
    void aNextHopOfferingDsnGetsEveryParameterExactlyAsGivenAndOwesTheReports() throws Exception {
        startSink(true);
        AttemptOutcome outcome = deliver(entry(request(Ret.HDRS), NOW, BOB, CAROL, DAVE), settings(Optional.empty()));

        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(5));
        assertThat(received.mailParameter("RET")).contains("HDRS");
        assertThat(received.mailParameter("ENVID")).contains("QQ+2B314159");
        assertThat(received.rcptParameters()).containsExactly(
                "NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob+2Btag@Remote.example", "NOTIFY=NEVER", "");
        assertThat(outcome.delivered().recipients()).containsExactly(BOB, CAROL, DAVE);
        assertThat(outcome.delivered().report()).as("the next hop reports success itself").isEmpty();
    }

    @Test
    void withoutRetOrEnvidMailFromCarriesNeither() {
        startSink(true);
        Map<MailAddress, DsnRequest.RecipientRequest> recipients = Map.of(BOB, new DsnRequest.RecipientRequest(
                Optional.of(EnumSet.of(Notify.FAILURE)), Optional.empty()));
        deliver(entry(new DsnRequest(Optional.empty(), Optional.empty(), recipients), NOW, BOB),
                settings(Optional.empty()));

        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(5));
        assertThat(received.mailParameters()).matches("SIZE=[0-9]+");
        assertThat(received.rcptParameters()).containsExactly("NOTIFY=FAILURE");
    }

    @Test
    void aNextHopWithoutDsnGetsNoParametersAndNotifySuccessGetsARelayedReport() throws Exception {
        startSink(false);
        AttemptOutcome outcome = deliver(entry(request(Ret.HDRS), NOW, BOB, CAROL, DAVE), settings(Optional.empty()));

        ReceivedMessage received = sink.awaitMessage(Duration.ofSeconds(5));
        assertThat(received.mailParameters()).matches("SIZE=[0-9]+");
        assertThat(received.rcptParameters()).containsExactly("", "", "");
        Mail report = outcome.delivered().report().orElseThrow();
        assertThat(report.getMaybeSender().isNullSender()).isTrue();
        assertThat(report.getRecipients()).extracting(MailAddress::asString).containsExactly("alice@example.org");
        String text = RemoteDeliveryServiceTest.text(report);
        assertThat(text).contains("report-type=delivery-status")
                .contains("Original-Envelope-Id: QQ+314159\r\nReporting-MTA: dns; gate.test")
                .contains("Original-Recipient: rfc822;Bob+tag@Remote.example\r\n"
                        + "Final-Recipient: rfc822; bob@remote.example\r\nAction: relayed\r\nStatus: 2.0.0\r\n"
                        + "Remote-MTA: dns; 127.0.0.1\r\nDiagnostic-Code: smtp; 250 2.0.0 Ok: queued as")
                .contains("text/rfc822-headers").doesNotContain("message/rfc822").doesNotContain(BODY)
                .doesNotContain("carol@remote.example").doesNotContain("dave@remote.example");
    }

    @Test
    void withoutNotifySuccessNobodyHearsOfSuccess() {
        startSink(false);
        AttemptOutcome outcome = deliver(entry(request(null), NOW, CAROL, DAVE), settings(Optional.empty()));
        assertThat(outcome.delivered().recipients()).containsExactly(CAROL, DAVE);
        assertThat(outcome.delivered().report()).isEmpty();
    }

    @Test
    void theFailureReportNamesOnlyRecipientsAskingForItWithHeadersOnlyForRetHdrs() throws Exception {
        startSink(true);
        for (MailAddress r : List.of(BOB, CAROL, DAVE)) {
            sink.rejectRecipient(r.asString(), 550, "5.1.1 no such user " + r.getLocalPart());
        }
        AttemptOutcome outcome = deliver(entry(request(Ret.HDRS), NOW, BOB, CAROL, DAVE), settings(Optional.empty()));

        assertThat(outcome.failure().recipients()).containsExactly(BOB, CAROL, DAVE);
        String text = RemoteDeliveryServiceTest.text(outcome.failure().report().orElseThrow());
        assertThat(text).contains("Original-Envelope-Id: QQ+314159")
                .contains("Original-Recipient: rfc822;Bob+tag@Remote.example\r\nFinal-Recipient: rfc822; bob@remote.example"
                        + "\r\nAction: failed\r\nStatus: 5.1.1")
                .contains("Final-Recipient: rfc822; dave@remote.example")
                .doesNotContain("carol@remote.example")
                .contains("text/rfc822-headers").doesNotContain("message/rfc822").doesNotContain(BODY);
    }

    @Test
    void retFullReturnsTheWholeMessage() throws Exception {
        startSink(true);
        sink.rejectRecipient(DAVE.asString(), 550, "5.1.1 no such user");
        AttemptOutcome outcome = deliver(entry(request(Ret.FULL), NOW, DAVE), settings(Optional.empty()));
        assertThat(RemoteDeliveryServiceTest.text(outcome.failure().report().orElseThrow()))
                .contains("message/rfc822").contains(BODY);
    }

    @Test
    void notifyNeverOrWithoutFailureMeansNoFailureReport() {
        startSink(true);
        sink.rejectRecipient(CAROL.asString(), 550, "5.1.1 no such user");
        sink.rejectRecipient(ERIN.asString(), 550, "5.1.1 no such user");
        AttemptOutcome outcome = deliver(entry(request(null), NOW, CAROL, ERIN), settings(Optional.empty()));
        assertThat(outcome.failure().recipients()).as("still given up on").containsExactly(CAROL, ERIN);
        assertThat(outcome.failure().report()).isEmpty();
    }

    @Test
    void theDelayWarningNamesOnlyRecipientsWithoutNotifyOrWithDelay() throws Exception {
        startSink(true);
        sink.failNextMessages(1, 451, "4.3.0 busy");
        AttemptOutcome outcome = deliver(entry(request(null), NOW.minus(Duration.ofHours(5)), BOB, CAROL, DAVE, ERIN),
                settings(Optional.of(Duration.ofHours(4))));

        assertThat(outcome.deferred()).containsExactly(BOB, CAROL, DAVE, ERIN);
        String text = RemoteDeliveryServiceTest.text(outcome.delayReport().orElseThrow());
        assertThat(text).contains("Final-Recipient: rfc822; dave@remote.example\r\nAction: delayed")
                .contains("Final-Recipient: rfc822; erin@remote.example\r\nAction: delayed")
                .doesNotContain("bob@remote.example").doesNotContain("carol@remote.example");
    }

    @Test
    void noDelayWarningWhenNoWaitingRecipientAllowsOne() {
        startSink(true);
        sink.failNextMessages(1, 451, "4.3.0 busy");
        AttemptOutcome outcome = deliver(entry(request(null), NOW.minus(Duration.ofHours(5)), BOB, CAROL),
                settings(Optional.of(Duration.ofHours(4))));
        assertThat(outcome.deferred()).containsExactly(BOB, CAROL);
        assertThat(outcome.delayReport()).isEmpty();
    }

    @Test
    void notifyDelayDoesNotWarnWhenDelayWarningsAreNotConfigured() {
        startSink(true);
        sink.failNextMessages(1, 451, "4.3.0 busy");
        AttemptOutcome outcome = deliver(entry(request(null), NOW.minus(Duration.ofHours(5)), ERIN),
                settings(Optional.empty()));
        assertThat(outcome.deferred()).containsExactly(ERIN);
        assertThat(outcome.delayReport()).isEmpty();
    }
}

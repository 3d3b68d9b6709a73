package org.mailgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.delivery.TlsPolicyTable;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.delivery.TrustStore;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;
import org.mailgate.testkit.smtp.SinkTls;
import org.mailgate.testkit.tls.TestCertificate;
import org.slf4j.LoggerFactory;

/**
 * Outbound TLS end to end through the real DNS resolver (asking the loopback DNS server) and recording
 * sinks that offer STARTTLS or speak TLS from the start with the testkit's self-signed certificate for
 * {@code mx.remote.example} and {@code *.tls.example}.
 */
class OutboundTlsTest {

    static final String HEADERS = "From: alice@example.org\r\nSubject: tls\r\n\r\n";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(10);

    final TestCertificate certificate = TestCertificate.load();
    final RecordingStore store = new RecordingStore();
    final List<RecordingSmtpSink> sinks = new ArrayList<>();
    final ListAppender<ILoggingEvent> deliveryLog = new ListAppender<>();
    final Logger serviceLogger = (Logger) LoggerFactory.getLogger(org.mailgate.api.audit.MailAudit.LOGGER_NAME);
    LoopbackDnsServer dns;
    DnsJavaResolver resolver;
    RemoteDeliveryService service;
    long nextEntry = 1;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        dns = LoopbackDnsServer.start();
        resolver = new DnsJavaResolver(new DnsServiceConfig(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                false, 0, Duration.ZERO, Duration.ofSeconds(2)));
        resolver.start();
        service = new RemoteDeliveryService(store, store, resolver, Clock.fixed(NOW, ZoneOffset.UTC),
                DeliveryDefaults.of("gate.test",
                org.mailgate.testkit.mailet.FakeMail.address("postmaster@gate.test")), MailMetrics.NONE);
        deliveryLog.start();
        serviceLogger.addAppender(deliveryLog);
    }

    @AfterEach
    void stop() {
        serviceLogger.detachAppender(deliveryLog);
        service.stop();
        sinks.forEach(RecordingSmtpSink::close);
        resolver.stop();
        dns.close();
    }

    RecordingSmtpSink sink(SinkTls tls) {
        return sink(SinkOptions.builder().tls(tls).build());
    }

    RecordingSmtpSink sink(SinkOptions options) {
        RecordingSmtpSink sink = RecordingSmtpSink.start(options);
        sinks.add(sink);
        return sink;
    }

    RecordingSmtpSink startTlsSink() {
        return sink(SinkTls.startTls(certificate.serverContext()));
    }

    /** The MX of {@code domain} is {@code host}, at 127.0.0.1. */
    void mx(String domain, String host) {
        dns.mx(domain, 10, host).a(host, "127.0.0.1");
    }

    TlsSettings tls(boolean startTls, String policy) {
        return new TlsSettings(startTls, false, true, false, TlsPolicyTable.parse(policy), Optional.empty());
    }

    TlsSettings withTrustStore(TlsSettings tls) {
        Path file = certificate.writeTrustStore(dir.resolve("trust.p12"), "secret");
        return new TlsSettings(tls.startTls(), tls.sslEnable(), tls.verifyServerIdentity(), tls.trustAllCerts(),
                tls.policies(), Optional.of(new TrustStore(file, "secret")));
    }

    DeliverySettings settings(RecordingSmtpSink sink, TlsSettings tls) {
        return settings(List.of(), sink.port(), tls);
    }

    DeliverySettings settings(List<HostAndPort> gateways, int mxPort, TlsSettings tls) {
        return new DeliverySettings("outgoing", RetrySchedule.parse("1 minute, 5 minutes", 5), gateways,
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.of("bounces"), Optional.empty(), 4,
                mxPort, tls);
    }

    AttemptOutcome deliver(DeliverySettings settings, String... recipients) {
        long id = nextEntry++;
        store.put(new OutgoingMail(id, new QueueId(id), "MAIL" + id, "outgoing",
                MaybeSender.of(address("alice@example.org")), List.of(recipients).stream()
                .map(OutboundTlsTest::address).toList(), 0, NOW,
                new MessageParts(HEADERS.getBytes(StandardCharsets.US_ASCII),
                        new ByteArrayBodySource("body\r\n".getBytes(StandardCharsets.US_ASCII))), false));
        store.declare(settings);
        service.deliver(id);
        return store.outcomes.get(store.outcomes.size() - 1);
    }

    static MailAddress address(String s) {
        try {
            return new MailAddress(s);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    List<String> tlsLogLines() {
        return deliveryLog.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(", tls="))
                .toList();
    }

    static void assertDelivered(AttemptOutcome outcome) {
        assertThat(outcome.deferred()).as(outcome.deferReason()).isEmpty();
        assertThat(outcome.failure().recipients()).as(outcome.failure().reason()).isEmpty();
    }

    // ------------------------------------------------------------------ may, the default

    @Test
    void byDefaultStartTlsIsUsedWhenOfferedWithoutCheckingTheCertificate() {
        RecordingSmtpSink sink = startTlsSink();
        mx("remote.example", "mx.elsewhere.example");

        assertDelivered(deliver(settings(sink, TlsSettings.DEFAULTS), "bob@remote.example"));

        ReceivedMessage received = sink.awaitMessage(WAIT);
        assertThat(received.overTls()).isTrue();
        assertThat(received.tlsProtocol()).startsWith("TLSv1.");
        assertThat(received.helo()).as("EHLO sent again over TLS").isEqualTo("gate.test");
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        assertThat(tlsLogLines()).singleElement().asString()
                .contains("relay=mx.elsewhere.example[127.0.0.1]:" + sink.port())
                .contains("tls=" + received.tlsProtocol() + " with cipher " + received.tlsCipher())
                .contains("certificate not checked");
    }

    @Test
    void withoutStartTlsOfferedMayDeliversInPlainTextAndSaysSo() {
        RecordingSmtpSink sink = sink(SinkTls.none());
        mx("remote.example", "mx.remote.example");

        assertDelivered(deliver(settings(sink, TlsSettings.DEFAULTS), "bob@remote.example"));

        assertThat(sink.awaitMessage(WAIT).overTls()).isFalse();
        assertThat(tlsLogLines()).singleElement().asString().contains("tls=none (STARTTLS not offered)");
    }

    @Test
    void aHandshakeThatFailsUnderMayIsFollowedAtOnceByAPlainConnection() {
        RecordingSmtpSink sink = sink(SinkTls.brokenStartTls());
        mx("remote.example", "mx.remote.example");

        assertDelivered(deliver(settings(sink, TlsSettings.DEFAULTS), "bob@remote.example"));

        ReceivedMessage received = sink.awaitMessage(WAIT);
        assertThat(received.overTls()).isFalse();
        assertThat(received.connection()).isEqualTo(2);
        assertThat(sink.connectionCount()).isEqualTo(2);
        assertThat(tlsLogLines()).singleElement().asString().contains("tls=none (TLS handshake failed: ");
    }

    // ------------------------------------------------------------------ none

    @Test
    void noneDeliversInPlainTextEvenWhenStartTlsIsOffered() {
        RecordingSmtpSink sink = startTlsSink();
        mx("remote.example", "mx.remote.example");
        mx("other.example", "mx.remote.example");

        assertDelivered(deliver(settings(sink, tls(true, "remote.example:none")), "bob@remote.example"));
        assertDelivered(deliver(settings(sink, tls(false, "")), "carol@other.example"));

        assertThat(sink.awaitMessages(2, WAIT)).extracting(ReceivedMessage::overTls).containsExactly(false, false);
        assertThat(tlsLogLines()).hasSize(2).allMatch(line -> line.contains("tls=none ("));
    }

    // ------------------------------------------------------------------ encrypt

    @Test
    void encryptDeliversOverTlsWhateverTheCertificate() {
        RecordingSmtpSink sink = startTlsSink();
        mx("bank.example", "mx.elsewhere.example");

        assertDelivered(deliver(settings(sink, tls(true, "bank.example:encrypt")), "bob@bank.example"));

        assertThat(sink.awaitMessage(WAIT).overTls()).isTrue();
    }

    @Test
    void encryptToAServerThatDoesNotOfferStartTlsIsATemporaryFailure() {
        RecordingSmtpSink sink = sink(SinkTls.none());
        mx("bank.example", "mx.remote.example");

        AttemptOutcome outcome = deliver(settings(sink, tls(true, "bank.example:encrypt")), "bob@bank.example");

        assertThat(outcome.failure().recipients()).isEmpty();
        assertThat(outcome.deferred()).extracting(MailAddress::asString).containsExactly("bob@bank.example");
        assertThat(outcome.retryAt()).contains(NOW.plus(Duration.ofMinutes(1)));
        assertThat(outcome.deferReason()).contains("TLS is required (tlsPolicy encrypt for bank.example), but "
                + "mx.remote.example[127.0.0.1]:" + sink.port() + " does not offer STARTTLS");
        assertThat(sink.messageCount()).isZero();
    }

    @Test
    void encryptToAServerThatRefusesStartTlsIsATemporaryFailure() {
        RecordingSmtpSink sink = sink(SinkOptions.builder()
                .ehloKeywords("PIPELINING", "ENHANCEDSTATUSCODES", "STARTTLS").build());
        mx("bank.example", "mx.remote.example");

        AttemptOutcome outcome = deliver(settings(sink, tls(true, ".example:encrypt")), "bob@bank.example");

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("refused STARTTLS: 454 4.7.0 TLS not available");
        assertThat(sink.messageCount()).isZero();
    }

    @Test
    void aHandshakeThatFailsUnderEncryptIsATemporaryFailureWithoutPlainTextRetry() {
        RecordingSmtpSink sink = sink(SinkTls.brokenStartTls());
        mx("bank.example", "mx.remote.example");

        AttemptOutcome outcome = deliver(settings(sink, tls(true, "bank.example:encrypt")), "bob@bank.example");

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("TLS handshake with mx.remote.example[127.0.0.1]:" + sink.port()
                + " failed: ").contains("(tlsPolicy encrypt for bank.example)");
        assertThat(sink.connectionCount()).isEqualTo(1);
        assertThat(sink.messageCount()).isZero();
    }

    // ------------------------------------------------------------------ verify

    @Test
    void verifyRefusesASelfSignedCertificateAsATemporaryFailure() {
        RecordingSmtpSink sink = startTlsSink();
        mx("bank.example", "mx.remote.example");

        AttemptOutcome outcome = deliver(settings(sink, tls(true, "bank.example:verify")), "bob@bank.example");

        assertThat(outcome.failure().recipients()).isEmpty();
        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason())
                .contains("server certificate of mx.remote.example[127.0.0.1]:" + sink.port() + " not trusted: ")
                .contains("(tlsPolicy verify for bank.example)");
        assertThat(sink.messageCount()).isZero();
    }

    @Test
    void verifyDeliversWhenTheCertificateIsTrustedAndNamesTheMxHost() {
        RecordingSmtpSink sink = startTlsSink();
        mx("bank.example", "mx.remote.example");
        mx("tls.example", "mx1.tls.example");
        TlsSettings tls = withTrustStore(tls(true, "bank.example:verify, tls.example:verify"));

        assertDelivered(deliver(settings(sink, tls), "bob@bank.example"));
        assertDelivered(deliver(settings(sink, tls), "carol@tls.example"));

        assertThat(sink.awaitMessages(2, WAIT)).extracting(ReceivedMessage::overTls).containsExactly(true, true);
        assertThat(tlsLogLines()).hasSize(2);
        assertThat(tlsLogLines().get(0)).contains("certificate trusted and verified for mx.remote.example");
        assertThat(tlsLogLines().get(1)).contains("certificate trusted and verified for mx1.tls.example");
    }

    @Test
    void verifyRefusesATrustedCertificateThatNamesAnotherHost() {
        RecordingSmtpSink sink = startTlsSink();
        mx("bank.example", "mx.bank.example");

        AttemptOutcome outcome = deliver(settings(sink, withTrustStore(tls(true, "bank.example:verify"))),
                "bob@bank.example");

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("server certificate of mx.bank.example[127.0.0.1]:" + sink.port()
                + " not verified: the certificate names [mx.remote.example, *.tls.example], not mx.bank.example");
        assertThat(sink.messageCount()).isZero();
    }

    // ------------------------------------------------------------------ sslEnable

    @Test
    void sslEnableSpeaksTlsFromTheStartAndChecksTheCertificateAsJamesDoes() {
        RecordingSmtpSink sink = sink(SinkTls.implicit(certificate.serverContext()));
        dns.a("mx.remote.example", "127.0.0.1");
        List<HostAndPort> gateway = List.of(new HostAndPort("mx.remote.example", sink.port()));
        TlsSettings ssl = new TlsSettings(true, true, true, false, TlsPolicyTable.EMPTY, Optional.empty());

        AttemptOutcome untrusted = deliver(settings(gateway, 25, ssl), "bob@far.example");
        assertThat(untrusted.deferred()).hasSize(1);
        assertThat(untrusted.deferReason()).contains("not trusted").contains("(sslEnable)");

        assertDelivered(deliver(settings(gateway, 25, withTrustStore(ssl)), "bob@far.example"));
        ReceivedMessage received = sink.awaitMessage(WAIT);
        assertThat(received.overTls()).isTrue();
        assertThat(received.rcptTo()).containsExactly("bob@far.example");
        assertThat(tlsLogLines()).singleElement().asString().contains("verified for mx.remote.example");
    }

    @Test
    void sslEnableWithSslTrustAllCertsAcceptsAnyCertificate() {
        RecordingSmtpSink sink = sink(SinkTls.implicit(certificate.serverContext()));
        TlsSettings ssl = new TlsSettings(true, true, true, true, TlsPolicyTable.EMPTY, Optional.empty());

        assertDelivered(deliver(settings(List.of(new HostAndPort("127.0.0.1", sink.port())), 25, ssl),
                "bob@far.example"));

        assertThat(sink.awaitMessage(WAIT).overTls()).isTrue();
        assertThat(tlsLogLines()).singleElement().asString().contains("certificate not checked");
    }

    @Test
    void sslEnableToAPlainServerIsATemporaryFailure() {
        RecordingSmtpSink sink = sink(SinkTls.none());
        TlsSettings ssl = new TlsSettings(true, true, true, true, TlsPolicyTable.EMPTY, Optional.empty());

        AttemptOutcome outcome = deliver(settings(List.of(new HostAndPort("127.0.0.1", sink.port())), 25, ssl),
                "bob@far.example");

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("TLS handshake with 127.0.0.1[127.0.0.1]:" + sink.port());
        assertThat(sink.messageCount()).isZero();
    }

    // ------------------------------------------------------------------ connection reuse

    @Test
    void aTlsConnectionCarriesFurtherMessagesAndStaysTls() {
        RecordingSmtpSink sink = startTlsSink();
        mx("remote.example", "mx.remote.example");
        DeliverySettings settings = settings(sink, TlsSettings.DEFAULTS);

        assertDelivered(deliver(settings, "a@remote.example"));
        assertDelivered(deliver(settings, "b@remote.example"));
        assertDelivered(deliver(settings, "c@remote.example"));

        List<ReceivedMessage> received = sink.awaitMessages(3, WAIT);
        assertThat(sink.connectionCount()).isEqualTo(1);
        assertThat(received).extracting(ReceivedMessage::overTls).containsExactly(true, true, true);
        assertThat(received).extracting(ReceivedMessage::rcptTo).containsExactly(List.of("a@remote.example"),
                List.of("b@remote.example"), List.of("c@remote.example"));
        assertThat(tlsLogLines()).hasSize(3).allMatch(line -> line.contains("certificate not checked"));
    }

    @Test
    void aPlainConnectionIsNeverReusedForADestinationThatRequiresTls() {
        RecordingSmtpSink sink = startTlsSink();
        mx("plain.example", "mx.remote.example");
        mx("secure.example", "mx.remote.example");
        DeliverySettings settings = settings(sink, tls(true, "plain.example:none, secure.example:encrypt"));

        assertDelivered(deliver(settings, "a@plain.example"));
        assertDelivered(deliver(settings, "b@secure.example"));
        assertDelivered(deliver(settings, "c@plain.example"));
        assertDelivered(deliver(settings, "d@secure.example"));

        List<ReceivedMessage> received = sink.awaitMessages(4, WAIT);
        assertThat(sink.connectionCount()).isEqualTo(2);
        assertThat(received).extracting(m -> m.rcptTo().get(0) + " " + m.connection() + " " + m.overTls())
                .containsExactly("a@plain.example 1 false", "b@secure.example 2 true", "c@plain.example 1 false",
                        "d@secure.example 2 true");
    }

    // ------------------------------------------------------------------ gateway login

    DeliverySettings withLogin(DeliverySettings s, String user, String password) {
        return new DeliverySettings(s.queueName(), s.retries(), s.gateways(), s.heloName(), s.connectTimeout(),
                s.readTimeout(), s.failedProcessor(), s.successProcessor(), s.maxDeliveries(), s.mxPort(), s.tls(),
                s.maxPerDestination(), Optional.of(new org.mailgate.api.delivery.GatewayCredentials(user, password)),
                s.loadBalancing(), s.bind());
    }

    @Test
    void aGatewayLoginIsMadeOverTlsWithAuthPlain() {
        RecordingSmtpSink sink = sink(SinkOptions.builder().tls(SinkTls.startTls(certificate.serverContext()))
                .ehloKeywords("PIPELINING", "8BITMIME", "AUTH PLAIN LOGIN").build());
        List<HostAndPort> gateway = List.of(new HostAndPort("127.0.0.1", sink.port()));

        assertDelivered(deliver(withLogin(settings(gateway, 25, tls(true, "")), "relay-user", "s3cret pass"),
                "bob@far.example"));

        assertThat(sink.logins()).containsExactly("relay-user:s3cret pass");
        assertThat(sink.awaitMessage(WAIT).overTls()).isTrue();
    }

    @Test
    void noPasswordIsSentOverAPlainConnection() {
        RecordingSmtpSink sink = sink(SinkOptions.builder().ehloKeywords("PIPELINING", "AUTH PLAIN LOGIN").build());
        List<HostAndPort> gateway = List.of(new HostAndPort("127.0.0.1", sink.port()));

        AttemptOutcome outcome = deliver(withLogin(settings(gateway, 25, tls(true, "")), "relay-user", "secret"),
                "bob@far.example");

        assertThat(outcome.deferred()).hasSize(1);
        assertThat(outcome.deferReason()).contains("needs TLS").doesNotContain("secret");
        assertThat(sink.logins()).isEmpty();
        assertThat(sink.messageCount()).isZero();
    }
}

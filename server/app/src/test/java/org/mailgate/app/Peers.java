package org.mailgate.app;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.RecordingSmtpSink;
import org.mailgate.testkit.smtp.SinkOptions;

/**
 * What an end-to-end test talks to, started before each test and stopped after it: a loopback DNS
 * server where {@code remote.example}'s MX is the recording SMTP sink, and the gateway the test
 * starts. Use with {@code @RegisterExtension final Peers peers = new Peers();}.
 */
final class Peers implements BeforeEachCallback, AfterEachCallback {

    private LoopbackDnsServer dns;
    private RecordingSmtpSink sink;
    private GatewayFixture gateway;

    @Override
    public void beforeEach(ExtensionContext context) {
        dns = LoopbackDnsServer.start();
        sink = RecordingSmtpSink.start();
        dns.mx("remote.example", 10, "mx.remote.example").a("mx.remote.example", "127.0.0.1");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopGateway();
        sink.close();
        dns.close();
    }

    LoopbackDnsServer dns() {
        return dns;
    }

    RecordingSmtpSink sink() {
        return sink;
    }

    /** Replaces the sink with one started with {@code options} (on a new port: take {@link #conf()} after). */
    RecordingSmtpSink restartSink(SinkOptions options) {
        sink.close();
        sink = RecordingSmtpSink.start(options);
        return sink;
    }

    GatewayFixture gateway() {
        return gateway;
    }

    /** A configuration whose DNS is the loopback server and whose MX hosts are reached on the sink's port. */
    TestConf conf() {
        return new TestConf().dnsServer(dns.hostAndPort()).mxPort(sink.port());
    }

    GatewayFixture start(Path conf, Path var) throws Exception {
        return start(conf, var, Clock.systemUTC());
    }

    GatewayFixture start(Path conf, Path var, Clock clock) throws Exception {
        stopGateway();
        gateway = GatewayFixture.start(conf, var, clock);
        return gateway;
    }

    void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}

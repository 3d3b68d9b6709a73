package org.mailgate.smtp.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.LimitsConfig;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.testkit.ManualClock;
import org.mailgate.testkit.metrics.RecordingMailMetrics;
import org.mailgate.testkit.smtp.SmtpDialogue;

/** One SMTP server on loopback for limits tests: a recording spool and a clock the test moves. */
final class ServerFixture implements AutoCloseable {

    final RecordingSpool spool = new RecordingSpool();
    final ManualClock clock = new ManualClock();
    final RecordingMailMetrics metrics = new RecordingMailMetrics();
    private final SmtpServer server;

    /**
     * @param bind       where to listen, e.g. 127.0.0.1 or ::1, port 0
     * @param authorized {@code authorizedAddresses}
     * @param limits     changes to the default limits
     */
    ServerFixture(String bind, String authorized, UnaryOperator<LimitsConfig> limits) throws Exception {
        this(SmtpServerConfig.of(new InetSocketAddress(bind, 0), "mx.local.example", NetworkList.parse(authorized)),
                limits);
    }

    ServerFixture(SmtpServerConfig config, UnaryOperator<LimitsConfig> limits) throws Exception {
        server = new SmtpServer(new SmtpServersConfig(List.of(config.withLimits(limits.apply(config.limits())))),
                new SessionServices(spool, SmtpServerTest.LOCAL, clock).withMetrics(metrics), Duration.ofSeconds(2));
        server.start();
    }

    InetSocketAddress address() {
        return server.addresses().get(0);
    }

    /** A connection whose greeting is not read yet. */
    SmtpDialogue open() {
        return SmtpDialogue.connect(address());
    }

    /** A connection past its 220 greeting. */
    SmtpDialogue connect() {
        SmtpDialogue smtp = open();
        smtp.expect(220);
        return smtp;
    }

    @Override
    public void close() {
        server.stop();
    }
}

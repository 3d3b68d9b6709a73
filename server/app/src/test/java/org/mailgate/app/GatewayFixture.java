package org.mailgate.app;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.app.config.MailgateConfig;

/** A gateway running in the test JVM on a configuration written by {@link TestConf}. */
final class GatewayFixture implements AutoCloseable {

    final Gateway gateway;
    final Path var;

    private GatewayFixture(Gateway gateway, Path var) {
        this.gateway = gateway;
        this.var = var;
    }

    static GatewayFixture start(Path conf, Path var) throws Exception {
        return start(conf, var, Clock.systemUTC());
    }

    static GatewayFixture start(Path conf, Path var, Clock clock) throws Exception {
        ConfigReport report = new ConfigReport();
        MailgateConfig config = MailgateConfig.read(conf, report);
        report.throwIfErrors();
        Gateway gateway = Gateway.assemble(config, var, "test", clock, report);
        report.throwIfErrors();
        gateway.start();
        return new GatewayFixture(gateway, var);
    }

    InetSocketAddress smtp() {
        return gateway.smtpAddresses().get(0);
    }

    <T> T instance(Class<T> type) {
        return gateway.instance(type);
    }

    @Override
    public void close() {
        gateway.stop();
    }
}

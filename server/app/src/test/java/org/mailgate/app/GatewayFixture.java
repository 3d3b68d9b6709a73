package org.mailgate.app;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.tls.ClientTls;

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

    /** The reply code to {@code RCPT TO:<recipient>} in a new session from {@code someone@elsewhere.example}. */
    int rcptReply(String recipient) {
        try (SmtpDialogue smtp = SmtpDialogue.connect(smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<someone@elsewhere.example>").expect(250);
            return smtp.command("RCPT TO:<" + recipient + ">").code();
        }
    }

    /**
     * A client TLS context that trusts the certificate the gateway generates for {@code helloName} into
     * {@code var/tls} (written once TLS starts, not on the starting thread: waited for).
     */
    SSLContext trustingGeneratedCertificate(String helloName) {
        Path certificate = var.resolve("tls/" + helloName + ".crt");
        Await.until(Duration.ofSeconds(20), () -> Files.exists(certificate), () -> "the generated " + certificate);
        return ClientTls.trusting(ClientTls.readCertificate(certificate));
    }

    <T> T instance(Class<T> type) {
        return gateway.instance(type);
    }

    @Override
    public void close() {
        gateway.stop();
    }
}

package org.mailgate.smtp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.dns.DnsServiceConfig;
import org.mailgate.dns.spf.SpfEvaluator;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.hook.HookServices;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.tls.GeneratedCertificates;
import org.mailgate.testkit.dns.LoopbackDnsServer;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * An SMTP server configured from a real {@code smtpserver.xml} with a {@code <handlerchain>}, its checks
 * asking the loopback DNS server through the real resolver and SPF evaluator. The client (127.0.0.1 or
 * ::1) is not in {@code authorizedAddresses} unless the test says so. Register it with
 * {@code @RegisterExtension}: it stops after each test.
 */
final class SenderCheckServer implements AutoCloseable, AfterEachCallback {

    final LoopbackDnsServer dns = LoopbackDnsServer.start();
    final InMemoryUsers users = new InMemoryUsers();
    final RecordingSpool spool = new RecordingSpool();
    private final DnsJavaResolver resolver = new DnsJavaResolver(new DnsServiceConfig(
            List.of(new InetSocketAddress("127.0.0.1", dns.port())), false, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(1)));
    private SmtpServer server;

    SenderCheckServer() {
        resolver.start();
    }

    /** Starts the server with {@code handlers} inside {@code <handlerchain>}, on 127.0.0.1. */
    SenderCheckServer start(String handlers) {
        return start(handlers, "127.0.0.1:0", "192.0.2.0/24", Optional.empty());
    }

    SenderCheckServer start(String handlers, String bind, String authorized, Optional<RecipientRewriteTable> rewrites) {
        Path confDir;
        String xml = "<smtpservers><smtpserver><bind>" + bind + "</bind><helloName>mx.local.example</helloName>"
                + "<authorizedAddresses>" + authorized + "</authorizedAddresses><handlerchain>"
                + "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>" + handlers
                + "</handlerchain></smtpserver></smtpservers>";
        try {
            confDir = Files.createTempDirectory("smtp-conf");
            Files.writeString(confDir.resolve(SmtpServersConfig.FILE), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigReport report = new ConfigReport();
        SmtpServersConfig config = SmtpServersConfig.read(confDir, report);
        report.throwIfErrors();
        deleteQuietly(confDir.resolve(SmtpServersConfig.FILE));
        deleteQuietly(confDir);
        server = new SmtpServer(config, new SessionServices(spool, SmtpServerTest.LOCAL, Clock.systemUTC()),
                new HookServices(Optional.of(resolver), Optional.of(new SpfEvaluator(resolver, Clock.systemUTC())),
                        Optional.of(users), rewrites), Duration.ofSeconds(2), GeneratedCertificates.unavailable());
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A session past the greeting. */
    SmtpDialogue connect() {
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
        return smtp;
    }

    /** A session past the greeting and EHLO {@code helo}. */
    SmtpDialogue connect(String helo) {
        SmtpDialogue smtp = connect();
        smtp.ehlo(helo);
        return smtp;
    }

    /** MAIL FROM {@code from} (expecting 250) then RCPT TO {@code to}, after EHLO {@code helo}; the RCPT reply. */
    SmtpReply rcpt(String helo, String from, String to) {
        try (SmtpDialogue client = connect(helo)) {
            client.send("MAIL FROM:<" + from + ">").expect(250);
            return client.command("RCPT TO:<" + to + ">");
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        resolver.stop();
        dns.close();
    }
}

package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.smtp.config.KeySource;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.config.TlsConfig;
import org.mailgate.smtp.hook.HookServices;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.tls.GeneratedCertificates;
import org.mailgate.smtp.tls.KeyMaterial;
import org.mailgate.smtp.tls.KeyMaterialException;
import org.mailgate.smtp.tls.TestPki;
import org.mailgate.smtp.tls.TlsClient;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.tls.ClientTls;

/** STARTTLS (RFC 3207) and implicit TLS (RFC 8314) over real sockets, with certificates of a test CA. */
class StartTlsTest {

    static final String MESSAGE = "From: alice@example.org\r\nSubject: hi\r\n\r\nHello\r\n";

    @TempDir
    Path dir;
    final RecordingSpool spool = new RecordingSpool();
    TestPki pki;
    SSLContext client;
    KeySource keys;
    SmtpServer server;

    @BeforeEach
    void certificate() throws Exception {
        pki = TestPki.create();
        client = pki.clientContext();
        Path store = TestPki.writeKeyStore(pki.issue("mx.local.example"), dir.resolve("keystore.p12"), "PKCS12",
                "s3cret");
        keys = new KeySource.KeyStoreFile(store, "PKCS12", "s3cret", "test");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    InetSocketAddress start(TlsConfig tls) throws Exception {
        return start(SmtpServerTest.config("127.0.0.0/8").withTls(tls));
    }

    InetSocketAddress start(SmtpServerConfig config) throws Exception {
        server = new SmtpServer(new SmtpServersConfig(List.of(config)),
                new SessionServices(spool, SmtpServerTest.LOCAL, Clock.systemUTC()), HookServices.none(),
                Duration.ofSeconds(2), new GeneratedCertificates(dir.resolve("var-tls")));
        server.start();
        return server.addresses().get(0);
    }

    @Test
    void mailIsAcceptedOverStartTlsAndTheReceivedHeaderRecordsTheTls() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.of(keys))))) {
            smtp.expect(220);
            assertThat(smtp.command("EHLO client.example").has("STARTTLS")).isTrue();
            smtp.startTls(client);
            TlsClient.Reply ehlo = smtp.command("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.has("STARTTLS")).as("STARTTLS is not offered inside TLS").isFalse();
            assertThat(smtp.sendMail("alice@example.org", "bob@local.example", MESSAGE).code()).isEqualTo(250);
            String protocol = smtp.tlsSocket().getSession().getProtocol();
            String cipher = smtp.tlsSocket().getSession().getCipherSuite();
            assertThat(protocol).isEqualTo("TLSv1.3");
            RecordingSpool.Accepted accepted = spool.accepted().get(0);
            assertThat(accepted.text()).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                    + "\t(using " + protocol + " with cipher " + cipher + ")\r\n"
                    + "\tby mx.local.example (Mailgate) with ESMTPS id " + accepted.id() + "\r\n");
        }
    }

    @Test
    void aSecondStartTlsGets503AndStartTlsWithArgumentsGets501() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.of(keys))))) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            assertThat(smtp.command("STARTTLS now").code()).isEqualTo(501);
            smtp.startTls(client);
            assertThat(smtp.command("STARTTLS").code()).isEqualTo(503);
            assertThat(smtp.command("EHLO client.example").code()).as("the session goes on").isEqualTo(250);
        }
    }

    @Test
    void theSessionStartsOverAfterTheHandshake() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.of(keys))))) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>").code()).isEqualTo(250);
            smtp.startTls(client);
            assertThat(smtp.command("RCPT TO:<bob@local.example>").code()).as("the transaction is gone")
                    .isEqualTo(503);
            assertThat(smtp.command("MAIL FROM:<alice@example.org>").text()).as("so is the EHLO")
                    .isEqualTo("5.5.1 Send HELO or EHLO first");
        }
    }

    /** CVE-2011-0411: commands sent in clear text with STARTTLS must not be run inside TLS. */
    @Test
    void commandsPipelinedAfterStartTlsAreDiscarded() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.of(keys))))) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            smtp.sendRaw("STARTTLS\r\nMAIL FROM:<x@y>\r\n");
            smtp.expect(220);
            smtp.handshake(client);
            TlsClient.Reply rcpt = smtp.command("RCPT TO:<bob@local.example>");
            assertThat(rcpt.code()).as("no MAIL was accepted: " + rcpt).isEqualTo(503);
            smtp.command("EHLO client.example");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("QUIT").code()).as("no reply to the injected MAIL is pending").isEqualTo(221);
        }
        assertThat(spool.accepted()).isEmpty();
    }

    @Test
    void withoutTlsStartTlsIsNeitherOfferedNorAccepted() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.disabled()))) {
            smtp.expect(220);
            assertThat(smtp.command("EHLO client.example").has("STARTTLS")).isFalse();
            assertThat(smtp.command("STARTTLS").code()).isEqualTo(502);
        }
    }

    @Test
    void implicitTlsHandshakesBeforeTheGreeting() throws Exception {
        InetSocketAddress address = start(TlsConfig.implicit(Optional.of(keys)));
        try (TlsClient smtp = TlsClient.connectTls(address, client)) {
            assertThat(smtp.expect(220).text()).isEqualTo("mx.local.example ESMTP Mailgate");
            TlsClient.Reply ehlo = smtp.command("EHLO client.example");
            assertThat(ehlo.has("STARTTLS")).isFalse();
            assertThat(smtp.command("STARTTLS").code()).isEqualTo(503);
            assertThat(smtp.sendMail("alice@example.org", "bob@local.example", MESSAGE).code()).isEqualTo(250);
        }
        assertThat(spool.accepted().get(0).text()).contains("\tby mx.local.example (Mailgate) with ESMTPS id ");
    }

    @Test
    void aClientThatNeverHandshakesBlocksNobodyAndIsDroppedAfterTheTimeout() throws Exception {
        InetSocketAddress address = start(SmtpServerTest.config("127.0.0.0/8")
                .withConnectionTimeout(Duration.ofSeconds(1)).withTls(TlsConfig.implicit(Optional.of(keys))));
        try (Socket silent = new Socket()) {
            silent.connect(address);
            silent.setSoTimeout(20_000);
            try (TlsClient smtp = TlsClient.connectTls(address, client)) {
                assertThat(smtp.expect(220).code()).isEqualTo(220);
            }
            InputStream in = silent.getInputStream();
            assertThat(in.read()).as("closed without a word once the handshake timed out").isEqualTo(-1);
        }
    }

    /** Hand-made ClientHellos offering only TLS 1.0 or 1.1: the server must answer with an alert, never a ServerHello. */
    @Test
    void clientsOfferingOnlyTls11OrOlderAreRefused() throws Exception {
        InetSocketAddress address = start(TlsConfig.implicit(Optional.of(keys)));
        for (int minor : new int[] {1, 2}) {
            try (Socket socket = new Socket()) {
                socket.connect(address);
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(clientHello(minor));
                out.flush();
                int contentType = socket.getInputStream().read();
                assertThat(contentType).as("TLS 1.%d: 21 is an alert, 22 a handshake (ServerHello)", minor - 1)
                        .isIn(21, -1);
            }
        }
    }

    @Test
    void onlyTheConfiguredProtocolsAndSuitesAreSpoken() throws Exception {
        String suite = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
        InetSocketAddress address = start(new TlsConfig(true, false, Optional.of(keys), List.of("TLSv1.2"),
                List.of(suite)));
        try (TlsClient smtp = TlsClient.connectTls(address, client)) {
            assertThat(smtp.tlsSocket().getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(smtp.tlsSocket().getSession().getCipherSuite()).isEqualTo(suite);
            smtp.expect(220);
        }
        try (Socket plain = new Socket()) {
            plain.connect(address);
            SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(plain, "mx.local.example", plain.getPort(), true);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void startTlsWithoutKeysUsesTheGeneratedCertificateForTheHelloName() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.empty())))) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            smtp.expect(220, "STARTTLS");
            KeyMaterial generated = KeyMaterial.load(new KeySource.PemFiles(dir.resolve("var-tls/mx.local.example.key"),
                    dir.resolve("var-tls/mx.local.example.crt"), Optional.empty(), "test"));
            smtp.handshake(ClientTls.trusting(generated.certificate()));
            assertThat(smtp.serverCertificate()).isEqualTo(generated.certificate());
            assertThat(smtp.serverCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=mx.local.example");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotHandshake() throws Exception {
        try (TlsClient smtp = TlsClient.connect(start(TlsConfig.startTls(Optional.of(keys))))) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            SSLContext stranger = TestPki.create().clientContext();
            assertThatThrownBy(() -> smtp.startTls(stranger)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void anIdleTlsSessionIsToldWhenTheServerStops() throws Exception {
        try (TlsClient smtp = TlsClient.connectTls(start(TlsConfig.implicit(Optional.of(keys))), client)) {
            smtp.expect(220);
            smtp.command("EHLO client.example");
            server.stop();
            assertThat(smtp.read().code()).isEqualTo(421);
        }
    }

    @Test
    void newConnectionsGetTheCertificateOfAReplacedKeystore() throws Exception {
        InetSocketAddress address = start(TlsConfig.implicit(Optional.of(keys)));
        BigInteger before;
        try (TlsClient smtp = TlsClient.connectTls(address, client)) {
            before = smtp.serverCertificate().getSerialNumber();
        }
        KeyMaterial renewed = pki.issue("mx.local.example");
        TestPki.writeKeyStore(renewed, dir.resolve("keystore.p12"), "PKCS12", "s3cret");
        BigInteger after = Await.until(Duration.ofSeconds(20), () -> {
            try (TlsClient smtp = TlsClient.connectTls(address, client)) {
                BigInteger serial = smtp.serverCertificate().getSerialNumber();
                return serial.equals(before) ? Optional.empty() : Optional.of(serial);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> "a connection with the renewed certificate");
        assertThat(after).isEqualTo(TestPki.serial(renewed)).isNotEqualTo(before);
    }

    @Test
    void theGeneratedCertificateSurvivesARestart() throws Exception {
        InetSocketAddress address = start(TlsConfig.implicit(Optional.empty()));
        X509Certificate first;
        try (TlsClient smtp = TlsClient.connect(address)) {
            first = generatedCertificate();
            smtp.handshake(ClientTls.trusting(first));
            assertThat(smtp.serverCertificate()).isEqualTo(first);
        }
        server.stop();
        address = start(TlsConfig.implicit(Optional.empty()));
        try (TlsClient smtp = TlsClient.connectTls(address, ClientTls.trusting(first))) {
            assertThat(smtp.serverCertificate()).isEqualTo(first);
            smtp.expect(220);
        }
    }

    private X509Certificate generatedCertificate() {
        Path crt = dir.resolve("var-tls/mx.local.example.crt");
        return Await.until(Duration.ofSeconds(20), () -> {
            try {
                return Optional.of(KeyMaterial.load(new KeySource.PemFiles(dir.resolve("var-tls/mx.local.example.key"),
                        crt, Optional.empty(), "test")).certificate());
            } catch (KeyMaterialException e) {
                return Optional.empty();
            }
        }, () -> "the generated certificate in " + crt);
    }

    /** A TLS record holding a ClientHello of version 3.{@code minor} with CBC suites only (RFC 4346 7.4.1.2). */
    static byte[] clientHello(int minor) {
        String random = "00".repeat(32);
        String suites = "c013" + "c014" + "002f" + "0035";
        String body = "03" + hex2(minor) + random + "00" + hex4(suites.length() / 2) + suites + "0100";
        String handshake = "01" + "00" + hex4(body.length() / 2) + body;
        String record = "16" + "0301" + hex4(handshake.length() / 2) + handshake;
        return HexFormat.of().parseHex(record);
    }

    private static String hex2(int value) {
        return String.format("%02x", value);
    }

    private static String hex4(int value) {
        return String.format("%04x", value);
    }
}

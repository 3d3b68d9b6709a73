package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.smtp.server.AuthFixture.ALICE;
import static org.mailgate.smtp.server.AuthFixture.PASSWORD;
import static org.mailgate.smtp.server.AuthFixture.base64;
import static org.mailgate.smtp.server.AuthFixture.plain;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.config.KeySource;
import org.mailgate.smtp.config.LimitsConfig;
import org.mailgate.smtp.config.TlsConfig;
import org.mailgate.smtp.tls.TestPki;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * TLS and AUTH together, over the real TLS listener and the H2 account store: AUTH is offered and run
 * only inside TLS ({@code requireSSL}, the default), STARTTLS forgets an earlier AUTH, and a submission
 * server on implicit TLS relays only after AUTH. The client (127.0.0.1) is not an authorized address.
 */
class TlsAuthTest {

    static final String MESSAGE = "From: alice@local.example\r\nSubject: out\r\n\r\nhello\r\n";

    @TempDir
    Path dir;
    AuthFixture fixture;
    CountingUsers users;
    SSLContext client;
    KeySource keys;
    final RecordingSpool spool = new RecordingSpool();

    @BeforeEach
    void open() throws Exception {
        fixture = new AuthFixture(dir);
        users = new CountingUsers(fixture.users);
        TestPki pki = TestPki.create();
        client = pki.clientContext();
        keys = new KeySource.KeyStoreFile(TestPki.writeKeyStore(pki.issue("mx.local.example"),
                dir.resolve("keystore.p12"), "PKCS12", "s3cret"), "PKCS12", "s3cret", "test");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    SmtpServer startTlsServer(UnaryOperator<AuthConfig> auth) throws Exception {
        return fixture.start(spool, Clock.systemUTC(), auth, TlsConfig.startTls(Optional.of(keys)), users);
    }

    static SmtpDialogue connect(SmtpServer server) {
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
        return smtp;
    }

    @Test
    void authIsAnnouncedOnlyInsideTls() throws Exception {
        try (SmtpDialogue smtp = connect(startTlsServer(UnaryOperator.identity()))) {
            SmtpReply plain = smtp.ehlo("client.example");
            assertThat(plain.hasKeyword("STARTTLS")).isTrue();
            assertThat(plain.hasKeyword("AUTH")).as("AUTH before TLS: %s", plain).isFalse();
            smtp.startTls(client);
            SmtpReply tls = smtp.ehlo("client.example");
            assertThat(tls.lines()).contains("AUTH PLAIN LOGIN");
            assertThat(tls.hasKeyword("STARTTLS")).isFalse();
        }
    }

    @Test
    void authBeforeTlsIsRefusedWithoutLookingAtTheCredentials() throws Exception {
        try (SmtpDialogue smtp = connect(startTlsServer(UnaryOperator.identity()))) {
            smtp.ehlo("client.example");
            SmtpReply refused = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(refused.code()).isEqualTo(538);
            assertThat(refused.enhancedStatus()).contains("5.7.11");
            smtp.send("AUTH LOGIN").expect(538);
            smtp.send("AUTH PLAIN").expect(538);
            // more wrong passwords than a session may have: none of them counts, the session stays open
            for (int i = 0; i < 5; i++) {
                smtp.send("AUTH PLAIN " + plain(ALICE, "wrong " + i)).expect(538);
            }
            assertThat(users.checks()).as("passwords checked before TLS").isZero();
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").code()).as("not authenticated").isEqualTo(550);
            smtp.send("RSET").expect(250);

            smtp.startTls(client);
            smtp.ehlo("client.example");
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            assertThat(users.checks()).isEqualTo(1);
        }
    }

    @Test
    void afterStartTlsAuthRelaysAndTheReceivedHeaderSaysEsmtpsaAndTheTls() throws Exception {
        SSLSession tls;
        try (SmtpDialogue smtp = connect(startTlsServer(UnaryOperator.identity()))) {
            smtp.ehlo("client.example");
            smtp.startTls(client);
            smtp.ehlo("client.example");
            assertThat(smtp.command("AUTH LOGIN").text()).isEqualTo("VXNlcm5hbWU6");
            smtp.send(base64(ALICE)).expect(334);
            smtp.send(base64(PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
            tls = smtp.tlsSession().orElseThrow();
        }
        assertThat(tls.getProtocol()).isEqualTo("TLSv1.3");
        RecordingSpool.Accepted accepted = spool.accepted().get(0);
        assertThat(accepted.envelope().recipients()).extracting(Object::toString).containsExactly("bob@remote.example");
        assertThat(accepted.text()).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                + "\t(using TLSv1.3 with cipher " + tls.getCipherSuite() + ")\r\n"
                + "\tby mx.local.example (Mailgate) with ESMTPSA id " + accepted.id() + "\r\n");
    }

    @Test
    void startTlsForgetsAnEarlierAuth() throws Exception {
        try (SmtpDialogue smtp = connect(startTlsServer(a -> a.withRequireSSL(false)))) {
            smtp.ehlo("client.example");
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            smtp.send("RCPT TO:<bob@remote.example>").expect(250);
            smtp.send("RSET").expect(250);

            smtp.startTls(client);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            SmtpReply refused = smtp.command("RCPT TO:<bob@remote.example>");
            assertThat(refused.code()).as("the AUTH of the plain-text session is gone: %s", refused).isEqualTo(550);
            smtp.send("RSET").expect(250);
            // AUTH again is allowed (not 503 for a second AUTH)
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
        }
        assertThat(spool.accepted()).hasSize(1);
        assertThat(spool.accepted().get(0).text()).contains("with ESMTPSA id");
    }

    /**
     * CVE-2011-0411 with AUTH: an AUTH pipelined in clear text behind STARTTLS (as a man in the middle
     * could inject, with his own account) must not authenticate the TLS session.
     */
    @Test
    void anAuthPipelinedAfterStartTlsInClearTextIsDiscarded() throws Exception {
        try (SmtpDialogue smtp = connect(startTlsServer(a -> a.withRequireSSL(false)))) {
            smtp.ehlo("client.example");
            smtp.sendRaw("STARTTLS\r\nAUTH PLAIN " + plain(ALICE, PASSWORD) + "\r\n");
            smtp.expect(220);
            smtp.tlsHandshake(client);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").code()).as("not authenticated").isEqualTo(550);
            smtp.send("RSET").expect(250);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            smtp.send("QUIT").expect(221);
        }
        assertThat(users.checks()).as("only the AUTH sent over TLS was checked").isEqualTo(1);
    }

    @Test
    void aSubmissionServerOnImplicitTlsRelaysOnlyAfterAuth() throws Exception {
        SmtpServer server = fixture.start(spool, Clock.systemUTC(), a -> a.withRequired(true),
                TlsConfig.implicit(Optional.of(keys)), users);
        try (SmtpDialogue smtp = SmtpDialogue.connectTls(server.addresses().get(0), client)) {
            smtp.expect(220);
            SmtpReply ehlo = smtp.ehlo("client.example");
            assertThat(ehlo.lines()).contains("AUTH PLAIN LOGIN");
            assertThat(ehlo.hasKeyword("STARTTLS")).isFalse();
            SmtpReply refused = smtp.command("MAIL FROM:<" + ALICE + ">");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.enhancedStatus()).contains("5.7.0");
            smtp.send("RCPT TO:<bob@remote.example>").expect(503);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
        }
        assertThat(spool.accepted()).hasSize(1);
        assertThat(spool.accepted().get(0).text()).contains("\tby mx.local.example (Mailgate) with ESMTPSA id ");
    }

    @Test
    void aSubmissionServerOnImplicitTlsRelaysNothingWithoutAuth() throws Exception {
        SmtpServer server = fixture.start(spool, Clock.systemUTC(), a -> a.withRequired(true),
                TlsConfig.implicit(Optional.of(keys)), users);
        try (SmtpDialogue smtp = SmtpDialogue.connectTls(server.addresses().get(0), client)) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("AUTH PLAIN " + plain(ALICE, "not the password")).expect(535);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(530);
            smtp.send("MAIL FROM:<>").expect(530);
            smtp.send("DATA").expect(503);
        }
        assertThat(spool.accepted()).isEmpty();
    }

    /**
     * PROXY protocol, implicit TLS and AUTH together: the header comes before the handshake, and AUTH
     * failures count against the client the proxy names, so one client's failures do not lock out every
     * other client behind the same proxy.
     */
    @Test
    void behindAProxyAuthFailuresCountForTheRealClientNotForTheProxy() throws Exception {
        SmtpServer server = fixture.start(spool, Clock.systemUTC(), c -> c
                .withAuth(AuthConfig.enabled().withRequired(true).withFailureLimits(3, 2, Duration.ofMinutes(10)))
                .withTls(TlsConfig.implicit(Optional.of(keys)))
                .withLimits(c.limits().withProxy(new LimitsConfig.ProxyProtocol(true, NetworkList.parse("127.0.0.0/8"),
                        Duration.ofSeconds(5)))), users);
        try (SmtpDialogue smtp = throughProxy(server, "192.0.2.7")) {
            smtp.send("AUTH PLAIN " + plain(ALICE, "wrong 1")).expect(535);
            smtp.send("AUTH PLAIN " + plain(ALICE, "wrong 2")).expect(535);
        }
        try (SmtpDialogue smtp = throughProxy(server, "192.0.2.7")) {
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(454);
            smtp.expect(421);
            smtp.expectClosed();
        }
        try (SmtpDialogue smtp = throughProxy(server, "192.0.2.8")) {
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), MESSAGE).code()).isEqualTo(250);
        }
        assertThat(spool.accepted()).hasSize(1);
        assertThat(spool.accepted().get(0).text()).startsWith("Received: from client.example (unknown [192.0.2.8])\r\n"
                + "\t(using TLSv1.3 with cipher ").contains("with ESMTPSA id");
    }

    /** A connection through a load balancer on loopback: a v1 PROXY header for {@code clientIp}, then TLS. */
    private SmtpDialogue throughProxy(SmtpServer server, String clientIp) {
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.sendRaw("PROXY TCP4 " + clientIp + " 127.0.0.1 40000 465\r\n");
        smtp.tlsHandshake(client);
        smtp.expect(220);
        smtp.ehlo("client.example");
        return smtp;
    }
}

package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailgate.smtp.server.AuthFixture.ALICE;
import static org.mailgate.smtp.server.AuthFixture.PASSWORD;
import static org.mailgate.smtp.server.AuthFixture.base64;
import static org.mailgate.smtp.server.AuthFixture.connect;
import static org.mailgate.smtp.server.AuthFixture.plain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.config.AuthConfig.Announce;
import org.mailgate.smtp.config.AuthConfig.VerifyIdentity;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.testkit.ManualClock;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** SMTP AUTH (RFC 4954) dialogues over real sockets, against the H2 account store. */
class SmtpAuthTest {

    /** TLS is another slice's: these servers allow AUTH without it. */
    static final UnaryOperator<AuthConfig> NO_TLS = a -> a.withRequireSSL(false).withAnnounce(Announce.ALWAYS);

    @TempDir
    Path dir;
    AuthFixture fixture;
    final RecordingSpool spool = new RecordingSpool();

    @BeforeEach
    void open() throws Exception {
        fixture = new AuthFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    SmtpServer server(UnaryOperator<AuthConfig> auth) throws Exception {
        return fixture.start(spool, Clock.systemUTC(), auth);
    }

    static SmtpReply ehlo(SmtpServer server) {
        try (SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0))) {
            smtp.expect(220);
            return smtp.ehlo("client.example");
        }
    }

    @Test
    void ehloAnnouncesAuthOnlyWithoutTlsWhenRequireSslIsOff() throws Exception {
        assertThat(ehlo(server(a -> a.withAnnounce(Announce.ALWAYS))).lines()).doesNotContain("AUTH PLAIN LOGIN");
        assertThat(ehlo(server(NO_TLS)).lines()).contains("AUTH PLAIN LOGIN");
        assertThat(ehlo(server(a -> a.withRequireSSL(false).withAnnounce(Announce.NEVER))).lines())
                .noneMatch(l -> l.startsWith("AUTH"));
        // 127.0.0.1 is not an authorized address on these servers
        assertThat(ehlo(server(a -> a.withRequireSSL(false).withAnnounce(Announce.FOR_UNAUTHORIZED_ADDRESSES)))
                .lines()).contains("AUTH PLAIN LOGIN");
        assertThat(ehlo(server(a -> a.withRequireSSL(false).withAnnounce(Announce.NEVER).withRequired(true)))
                .lines()).contains("AUTH PLAIN LOGIN");
        assertThat(ehlo(server(a -> new AuthConfig(Announce.ALWAYS, false, false, false, VerifyIdentity.STRICT, 3,
                10, Duration.ofMinutes(15)))).lines()).noneMatch(l -> l.startsWith("AUTH"));
    }

    @Test
    void authBeforeTlsIsRefusedWhenRequireSslIsOn() throws Exception {
        try (SmtpDialogue smtp = connect(server(a -> a.withAnnounce(Announce.ALWAYS)))) {
            SmtpReply reply = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(reply.code()).isEqualTo(538);
            assertThat(reply.enhancedStatus()).contains("5.7.11");
            smtp.send("AUTH LOGIN").expect(538);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            assertThat(smtp.command("RCPT TO:<bob@remote.example>").code()).isEqualTo(550);
        }
    }

    @Test
    void aServerWithoutAuthSaysSo() throws Exception {
        SmtpServer server = new SmtpServer(new SmtpServersConfig(List.of(SmtpServerTest.config("192.0.2.0/24"))),
                new SessionServices(spool, AuthFixture.LOCAL, Clock.systemUTC(), fixture.users, fixture.rewrites()),
                Duration.ofSeconds(2));
        server.start();
        try (SmtpDialogue smtp = connect(server)) {
            assertThat(smtp.command("EHLO again.example").lines()).noneMatch(l -> l.startsWith("AUTH"));
            SmtpReply reply = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(reply.code()).isEqualTo(502);
            assertThat(reply.enhancedStatus()).contains("5.5.1");
        } finally {
            server.stop();
        }
    }

    @Test
    void plainWithInitialResponseAuthenticatesAndTheMailSaysWho() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            SmtpReply reply = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(reply.code()).isEqualTo(235);
            assertThat(reply.enhancedStatus()).contains("2.7.0");
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), "Subject: hi\r\n\r\nhello\r\n").code())
                    .isEqualTo(250);
        }
        RecordingSpool.Accepted mail = spool.accepted().get(0);
        assertThat(mail.arrival().attributes()).extracting(Attribute::getName).contains(Mail.SMTP_AUTH_USER);
        assertThat(mail.arrival().attributes().stream().filter(a -> a.getName().equals(Mail.SMTP_AUTH_USER))
                .findFirst().orElseThrow().getValue().value()).isEqualTo(ALICE);
        assertThat(new String(mail.content(), StandardCharsets.US_ASCII)).contains("with ESMTPA id");
    }

    /**
     * Account names compare case-insensitively, and the mail names the account as stored: a pipeline rule
     * such as {@code SMTPAuthUserIs=alice@local.example} cannot be dodged by typing the name in capitals.
     */
    @Test
    void plainWithAChallengeAndUpperCaseNameIsTheAccountAsStored() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            SmtpReply challenge = smtp.command("AUTH plain");
            assertThat(challenge.code()).isEqualTo(334);
            assertThat(challenge.text()).isEmpty();
            smtp.send(plain("ALICE@Local.Example", PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), "Subject: hi\r\n\r\nhello\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(spool.accepted().get(0).arrival().attributes().stream()
                .filter(a -> a.getName().equals(Mail.SMTP_AUTH_USER)).findFirst().orElseThrow().getValue().value())
                .isEqualTo(ALICE);
    }

    @Test
    void loginAsksForUserAndPassword() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            assertThat(smtp.command("AUTH LOGIN").text()).isEqualTo("VXNlcm5hbWU6");
            assertThat(smtp.command(base64(ALICE)).text()).isEqualTo("UGFzc3dvcmQ6");
            smtp.send(base64(PASSWORD)).expect(235);
        }
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            assertThat(smtp.command("AUTH LOGIN " + base64(ALICE)).text()).isEqualTo("UGFzc3dvcmQ6");
            smtp.send(base64(PASSWORD)).expect(235);
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserFails() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            SmtpReply wrong = smtp.command("AUTH PLAIN " + plain(ALICE, "not the password"));
            assertThat(wrong.code()).isEqualTo(535);
            assertThat(wrong.enhancedStatus()).contains("5.7.8");
            smtp.send("AUTH PLAIN " + plain("nobody@local.example", PASSWORD)).expect(535);
            // someone else's identity is not for alice to take
            smtp.send("AUTH PLAIN " + base64("bob@local.example\0" + ALICE + "\0" + PASSWORD)).expect(421);
        }
    }

    @Test
    void theClientMayCancel() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            smtp.send("AUTH PLAIN").expect(334);
            SmtpReply cancelled = smtp.command("*");
            assertThat(cancelled.code()).isEqualTo(501);
            assertThat(cancelled.enhancedStatus()).contains("5.0.0");
            smtp.send("AUTH LOGIN").expect(334);
            smtp.send(base64(ALICE)).expect(334);
            smtp.send("*").expect(501);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
        }
    }

    @Test
    void badBase64IsASyntaxError() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            SmtpReply bad = smtp.command("AUTH PLAIN not*base64!");
            assertThat(bad.code()).isEqualTo(501);
            assertThat(bad.enhancedStatus()).contains("5.5.2");
            smtp.send("AUTH LOGIN").expect(334);
            smtp.send("%%%").expect(501);
            smtp.send("AUTH CRAM-MD5").expect(504);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
        }
    }

    @Test
    void authOnceAndNeverInsideATransaction() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            SmtpReply inTransaction = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(inTransaction.code()).isEqualTo(503);
            assertThat(inTransaction.enhancedStatus()).contains("5.5.1");
            smtp.send("RSET").expect(250);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            SmtpReply twice = smtp.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(twice.code()).isEqualTo(503);
            assertThat(twice.enhancedStatus()).contains("5.5.1");
        }
        try (SmtpDialogue smtp = SmtpDialogue.connect(server(NO_TLS).addresses().get(0))) {
            smtp.expect(220);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(503);
            smtp.send("HELO client.example").expect(250);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(503);
        }
    }

    @Test
    void repeatedFailuresInOneSessionDisconnect() throws Exception {
        try (SmtpDialogue smtp = connect(server(NO_TLS))) {
            smtp.send("AUTH PLAIN " + plain(ALICE, "wrong 1")).expect(535);
            smtp.send("AUTH PLAIN " + plain(ALICE, "wrong 2")).expect(535);
            SmtpReply third = smtp.command("AUTH PLAIN " + plain(ALICE, "wrong 3"));
            assertThat(third.code()).isEqualTo(421);
            assertThat(third.enhancedStatus()).contains("4.7.0");
            smtp.expectClosed();
        }
    }

    @Test
    void failuresFromOneAddressAreLimitedAcrossSessionsUntilTheWindowPasses() throws Exception {
        ManualClock clock = new ManualClock();
        SmtpServer server = fixture.start(spool, clock, a -> NO_TLS.apply(a)
                .withFailureLimits(5, 2, Duration.ofMinutes(10)));
        try (SmtpDialogue first = connect(server)) {
            first.send("AUTH PLAIN " + plain(ALICE, "wrong 1")).expect(535);
            first.send("AUTH LOGIN " + base64(ALICE)).expect(334);
            first.send(base64("wrong 2")).expect(535);
        }
        try (SmtpDialogue second = connect(server)) {
            SmtpReply refused = second.command("AUTH PLAIN " + plain(ALICE, PASSWORD));
            assertThat(refused.code()).isEqualTo(454);
            assertThat(refused.enhancedStatus()).contains("4.7.0");
            assertThat(second.read().code()).isEqualTo(421);
            second.expectClosed();
        }
        clock.advance(Duration.ofMinutes(10));
        try (SmtpDialogue third = connect(server)) {
            third.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
        }
    }

    @Test
    void aSubmissionServerRequiresAuthBeforeMail() throws Exception {
        try (SmtpDialogue smtp = connect(server(a -> NO_TLS.apply(a).withRequired(true)))) {
            SmtpReply refused = smtp.command("MAIL FROM:<" + ALICE + ">");
            assertThat(refused.code()).isEqualTo(530);
            assertThat(refused.enhancedStatus()).contains("5.7.0");
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
        }
    }

    @Test
    void onlyAnAuthenticatedSessionMayRelay() throws Exception {
        SmtpServer server = server(NO_TLS);
        try (SmtpDialogue smtp = connect(server)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            smtp.send("RCPT TO:<bob@remote.example>").expect(550);
            smtp.send("RCPT TO:<carol@local.example>").expect(250);
        }
        try (SmtpDialogue smtp = connect(server)) {
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            smtp.send("RCPT TO:<bob@remote.example>").expect(250);
        }
    }

    @Test
    void strictIdentityAllowsOwnAddressAndAliasesOnly() throws Exception {
        try (SmtpDialogue smtp = authenticated(VerifyIdentity.STRICT)) {
            smtp.send("MAIL FROM:<Alice@local.example>").expect(250);
            smtp.send("RSET").expect(250);
            smtp.send("MAIL FROM:<sales@local.example>").expect(250);
            smtp.send("RSET").expect(250);
            SmtpReply other = smtp.command("MAIL FROM:<carol@local.example>");
            assertThat(other.code()).isEqualTo(553);
            assertThat(other.enhancedStatus()).contains("5.7.1");
            assertThat(other.text()).contains("carol@local.example").contains("not owned by").contains(ALICE);
            smtp.send("MAIL FROM:<>").expect(250);
        }
    }

    @Test
    void relaxedIdentityAllowsAnyLocalDomain() throws Exception {
        try (SmtpDialogue smtp = authenticated(VerifyIdentity.RELAXED)) {
            smtp.send("MAIL FROM:<carol@other.local.example>").expect(250);
            smtp.send("RSET").expect(250);
            SmtpReply remote = smtp.command("MAIL FROM:<alice@remote.example>");
            assertThat(remote.code()).isEqualTo(553);
            assertThat(remote.text()).contains("not in a local domain");
        }
    }

    @Test
    void disabledIdentityAllowsAnySender() throws Exception {
        try (SmtpDialogue smtp = authenticated(VerifyIdentity.DISABLED)) {
            smtp.send("MAIL FROM:<someone@remote.example>").expect(250);
        }
    }

    @Test
    void identityIsNotCheckedWithoutAuth() throws Exception {
        try (SmtpDialogue smtp = connect(server(a -> NO_TLS.apply(a).withVerifyIdentity(VerifyIdentity.STRICT)))) {
            smtp.send("MAIL FROM:<carol@local.example>").expect(250);
        }
    }

    private SmtpDialogue authenticated(VerifyIdentity verify) throws Exception {
        SmtpDialogue smtp = connect(server(a -> NO_TLS.apply(a).withVerifyIdentity(verify)));
        smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
        return smtp;
    }
}

package org.mailgate.smtp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailgate.api.net.NetworkList;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.testkit.domain.FixedDomainList;
import org.mailgate.smtp.server.RecordingSpool;
import org.mailgate.smtp.server.SmtpServer;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2MappingStore;
import org.mailgate.spool.H2Users;
import org.mailgate.spool.PasswordHash;
import org.mailgate.spool.SpoolSettings;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The open-relay matrix with SMTP AUTH: every AUTH exchange that does not end in 235 (wrong or missing
 * credentials, a cancelled or garbled exchange, PLAIN asking to act as someone else) leaves the client as
 * unauthenticated as before, so a remote recipient is refused; only a successful AUTH relays. The client
 * (127.0.0.1) is outside {@code authorizedAddresses}; AUTH runs in plain text here (requireSSL false).
 */
class OpenRelayAuthTest {

    private static final String ALICE = "alice@local.example";
    private static final String ALICE_PASSWORD = "correct horse battery";
    private static final String BOB = "bob@local.example";
    private static final String BOB_PASSWORD = "bob's own secret";

    @TempDir
    Path dir;
    private final RecordingSpool spool = new RecordingSpool();
    private Database database;
    private SmtpServer server;

    @BeforeEach
    void start() throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        H2Users users = new H2Users(database, new PasswordHash(1_000));
        users.add(Username.of(ALICE), ALICE_PASSWORD);
        users.add(Username.of(BOB), BOB_PASSWORD);
        SmtpServerConfig config = SmtpServerConfig.of(new InetSocketAddress("127.0.0.1", 0), "mx.local.example",
                NetworkList.parse("10.0.0.0/8")).withAuth(AuthConfig.enabled().withRequireSSL(false)
                .withAnnounce(AuthConfig.Announce.ALWAYS).withVerifyIdentity(AuthConfig.VerifyIdentity.DISABLED));
        server = new SmtpServer(new SmtpServersConfig(List.of(config)), new SessionServices(spool,
                FixedDomainList.of("local.example"), Clock.systemUTC(), users,
                new ConfiguredRecipientRewriteTable(new RecipientRewriteTableConfig(RewriteSettings.DEFAULT, Map.of()),
                        new H2MappingStore(database))), Duration.ofSeconds(2));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        database.stop();
    }

    private SmtpDialogue connect() {
        SmtpDialogue smtp = SmtpDialogue.connect(server.addresses().get(0));
        smtp.expect(220);
        smtp.ehlo("client.example");
        return smtp;
    }

    /** One line the client sends in an AUTH exchange and the reply code it must get. */
    record Step(String line, int code) {
        @Override
        public String toString() {
            return line.length() > 40 ? line.substring(0, 40) + "…" : line;
        }
    }

    /** A named AUTH exchange that must not authenticate anyone. */
    record Exchange(String name, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Exchange> failedExchanges() {
        return Stream.of(
                new Exchange("PLAIN, wrong password", List.of(new Step("AUTH PLAIN " + plain("", ALICE, "wrong"), 535))),
                new Exchange("PLAIN, unknown user", List.of(new Step("AUTH PLAIN " + plain("", "eve@local.example",
                        ALICE_PASSWORD), 535))),
                new Exchange("PLAIN, empty password", List.of(new Step("AUTH PLAIN " + plain("", ALICE, ""), 535))),
                new Exchange("PLAIN, empty user", List.of(new Step("AUTH PLAIN " + plain("", "", ALICE_PASSWORD), 501))),
                new Exchange("PLAIN, two fields", List.of(new Step("AUTH PLAIN " + base64(ALICE + "\0" + ALICE_PASSWORD),
                        501))),
                new Exchange("PLAIN, four fields", List.of(new Step("AUTH PLAIN "
                        + base64("\0" + ALICE + "\0" + ALICE_PASSWORD + "\0"), 501))),
                new Exchange("PLAIN, challenge then wrong password", List.of(new Step("AUTH PLAIN", 334),
                        new Step(plain("", ALICE, "wrong"), 535))),
                new Exchange("PLAIN, cancelled", List.of(new Step("AUTH PLAIN", 334), new Step("*", 501))),
                new Exchange("PLAIN, cancelled as the initial response", List.of(new Step("AUTH PLAIN *", 501))),
                new Exchange("PLAIN, empty response '='", List.of(new Step("AUTH PLAIN =", 501))),
                new Exchange("PLAIN, not base64", List.of(new Step("AUTH PLAIN %%%%", 501))),
                new Exchange("PLAIN, empty line after the challenge", List.of(new Step("AUTH PLAIN", 334),
                        new Step("", 501))),
                new Exchange("PLAIN, over-long response", List.of(new Step("AUTH PLAIN", 334),
                        new Step("QUFB".repeat(4_000), 500))),
                new Exchange("PLAIN, alice's credentials to act as bob", List.of(new Step("AUTH PLAIN "
                        + plain(BOB, ALICE, ALICE_PASSWORD), 535))),
                new Exchange("PLAIN, bob's credentials to act as alice", List.of(new Step("AUTH PLAIN "
                        + plain(ALICE, BOB, BOB_PASSWORD), 535))),
                new Exchange("PLAIN, alice's credentials to act as the postmaster", List.of(new Step("AUTH PLAIN "
                        + plain("postmaster@local.example", ALICE, ALICE_PASSWORD), 535))),
                new Exchange("PLAIN, alice's credentials to act as 'alice' without a domain", List.of(new Step(
                        "AUTH PLAIN " + plain("alice", ALICE, ALICE_PASSWORD), 535))),
                new Exchange("LOGIN, wrong password", List.of(new Step("AUTH LOGIN", 334), new Step(base64(ALICE), 334),
                        new Step(base64("wrong"), 535))),
                new Exchange("LOGIN, cancelled at the user name", List.of(new Step("AUTH LOGIN", 334),
                        new Step("*", 501))),
                new Exchange("LOGIN, cancelled at the password", List.of(new Step("AUTH LOGIN " + base64(ALICE), 334),
                        new Step("*", 501))),
                new Exchange("LOGIN, a user name with a NUL", List.of(new Step("AUTH LOGIN " + base64(BOB + "\0" + ALICE),
                        334), new Step(base64(ALICE_PASSWORD), 535))),
                new Exchange("unknown mechanism", List.of(new Step("AUTH CRAM-MD5", 504))),
                new Exchange("no mechanism", List.of(new Step("AUTH", 501))));
    }

    @ParameterizedTest(name = "{0} grants no relaying")
    @MethodSource("failedExchanges")
    void aFailedOrCancelledAuthGrantsNothing(Exchange exchange) {
        try (SmtpDialogue smtp = connect()) {
            for (Step step : exchange.steps()) {
                SmtpReply reply = smtp.command(step.line());
                assertThat(reply.code()).as("reply to %s: %s", step, reply).isEqualTo(step.code());
            }
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            SmtpReply rcpt = smtp.command("RCPT TO:<victim@remote.example>");
            assertThat(rcpt.code()).as("after %s: %s", exchange, rcpt).isEqualTo(550);
            assertThat(rcpt.enhancedStatus()).contains("5.7.1");
            assertThat(smtp.command("DATA").code()).isEqualTo(554);
            smtp.send("RSET").expect(250);
            // the session is still a plain one: a real AUTH now succeeds (not 503 "already authenticated")
            smtp.send("AUTH PLAIN " + plain("", ALICE, ALICE_PASSWORD)).expect(235);
        }
        assertThat(spool.accepted()).isEmpty();
    }

    @Test
    void anAuthenticatedSessionRelays() {
        try (SmtpDialogue smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("", ALICE, ALICE_PASSWORD)).expect(235);
            assertThat(smtp.sendMail(ALICE, List.of("customer@remote.example"), "Subject: ok\r\n\r\nok\r\n").code())
                    .isEqualTo(250);
        }
        assertThat(spool.accepted()).hasSize(1);
        assertThat(spool.accepted().get(0).envelope().recipients()).extracting(MailAddress::asString)
                .containsExactly("customer@remote.example");
    }

    /** RFC 4616 2: an authzid naming the authenticated user itself is the same as none. */
    @Test
    void plainWithAnAuthorizationIdentityOfTheUserItselfRelays() {
        try (SmtpDialogue smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("Alice@Local.Example", ALICE, ALICE_PASSWORD)).expect(235);
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            smtp.send("RCPT TO:<customer@remote.example>").expect(250);
        }
    }

    private static String plain(String authzid, String user, String password) {
        return base64(authzid + "\0" + user + "\0" + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

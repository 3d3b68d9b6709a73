package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.user.Users;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * SMTP AUTH through the whole gateway: the account in the H2 store, relaying only after AUTH, and the
 * pipeline's SMTPAuthSuccessful and SMTPAuthUserIs seeing who sent the mail. The client (127.0.0.1) is
 * not in authorizedAddresses. AUTH runs without TLS here (requireSSL false); TLS is another slice.
 */
class AuthEndToEndTest {

    static final String ALICE = "alice@local.example";
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    private void start() throws Exception {
        Path conf = peers.conf().authorizedAddresses("192.0.2.0/24")
                .smtpServerElements("""
                        <auth><announce>always</announce><requireSSL>false</requireSSL></auth>
                        <verifyIdentity>strict</verifyIdentity>""")
                .rootMailets("""
                        <mailet match="SMTPAuthSuccessful" class="SetMimeHeader">
                          <name>X-Auth-Seen</name><value>yes</value>
                        </mailet>
                        <mailet match="SMTPAuthUserIs=alice@local.example" class="SetMimeHeader">
                          <name>X-Auth-User</name><value>alice</value>
                        </mailet>""")
                .writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));
        peers.gateway().instance(Users.class).add(Username.of(ALICE), PASSWORD);
    }

    static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAuthenticatedClientRelaysAndThePipelineKnowsWho() throws Exception {
        start();
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            assertThat(smtp.ehlo("client.example").lines()).contains("AUTH PLAIN LOGIN");
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(250);
            smtp.send("RCPT TO:<bob@remote.example>").expect(550);
            smtp.send("RSET").expect(250);
            smtp.send("AUTH PLAIN " + plain(ALICE, "wrong password!")).expect(535);
            smtp.send("AUTH PLAIN " + plain(ALICE, PASSWORD)).expect(235);
            smtp.send("MAIL FROM:<carol@local.example>").expect(553);
            assertThat(smtp.sendMail(ALICE, List.of("bob@remote.example"), "Subject: out\r\n\r\nhello\r\n").code())
                    .isEqualTo(250);
        }

        ReceivedMessage relayed = peers.sink().awaitMessage(Duration.ofSeconds(20));
        assertThat(relayed.mailFrom()).isEqualTo(ALICE);
        assertThat(relayed.rcptTo()).containsExactly("bob@remote.example");
        assertThat(relayed.headerSection()).contains("X-Auth-Seen: yes").contains("X-Auth-User: alice")
                .contains("with ESMTPA id");
    }

    @Test
    void withoutAuthNothingIsRelayed() throws Exception {
        start();
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<someone@remote.example>").expect(250);
            smtp.send("RCPT TO:<bob@remote.example>").expect(550);
            smtp.send("RCPT TO:<postmaster@local.example>").expect(250);
            smtp.send("RSET").expect(250);
        }
        assertThat(peers.sink().messageCount()).isZero();
    }
}

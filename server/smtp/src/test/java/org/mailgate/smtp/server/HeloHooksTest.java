package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** The HELO/EHLO checks over real SMTP sessions. */
class HeloHooksTest {

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    private SmtpReply rcptAfterEhlo(String helo, String to) {
        return smtp.rcpt(helo, "a@example.net", to);
    }

    @Test
    void heloSyntaxRefusesBareAddressesAndSingleLabelsAtTheGreeting() {
        smtp.start("<handler class=\"HeloSyntax\"/>");
        try (SmtpDialogue client = smtp.connect()) {
            for (String bad : new String[] {"192.0.2.1", "localhost", "-bad-.example.com", "a..example.com",
                    "[192.0.2.300]", "example.123"}) {
                SmtpReply reply = client.command("EHLO " + bad);
                assertThat(reply.code()).as(bad).isEqualTo(501);
                assertThat(reply.enhancedStatus()).as(bad).contains("5.5.2");
            }
            client.send("MAIL FROM:<a@example.net>").expect(503);
            client.send("HELO [127.0.0.1]").expect(250);
            client.send("EHLO [IPv6:2001:db8::1]").expect(250);
            client.send("EHLO mail.example.net").expect(250);
            client.send("MAIL FROM:<a@example.net>").expect(250);
        }
    }

    @Test
    void resolvableHeloRefusesAtRcptANameWithoutAddress() {
        smtp.dns.a("mail.example.net", "192.0.2.1").aaaa("v6.example.net", "2001:db8::1");
        smtp.start("<handler class=\"org.apache.james.smtpserver.fastfail.ResolvableEhloHeloHandler\"/>");
        assertThat(rcptAfterEhlo("mail.example.net", "bob@local.example").code()).isEqualTo(250);
        assertThat(rcptAfterEhlo("v6.example.net", "bob@local.example").code()).isEqualTo(250);
        assertThat(rcptAfterEhlo("[192.0.2.9]", "bob@local.example").code()).isEqualTo(250);
        SmtpReply refused = rcptAfterEhlo("nowhere.example.net", "bob@local.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("nowhere.example.net");
        assertThat(rcptAfterEhlo("nowhere.example.net", "postmaster@local.example").code()).isEqualTo(250);
    }

    @Test
    void resolvableHeloGivesATemporaryFailureWhenDnsDoesNotAnswer() {
        smtp.dns.timeout("slow.example.net");
        smtp.start("<handler class=\"ResolvableEhloHeloHandler\"/>");
        SmtpReply reply = rcptAfterEhlo("slow.example.net", "bob@local.example");
        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhancedStatus()).contains("4.4.3");
    }

    @Test
    void reverseEqualsHeloWantsTheNameToResolveToTheClient() {
        smtp.dns.a("me.example.net", "127.0.0.1").a("other.example.net", "192.0.2.1");
        smtp.start("<handler class=\"org.apache.james.smtpserver.fastfail.ReverseEqualsEhloHeloHandler\"/>");
        assertThat(rcptAfterEhlo("me.example.net", "bob@local.example").code()).isEqualTo(250);
        assertThat(rcptAfterEhlo("[127.0.0.1]", "bob@local.example").code()).isEqualTo(250);
        SmtpReply refused = rcptAfterEhlo("other.example.net", "bob@local.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("[127.0.0.1]");
        assertThat(rcptAfterEhlo("[192.0.2.1]", "bob@local.example").code()).isEqualTo(550);
    }
}

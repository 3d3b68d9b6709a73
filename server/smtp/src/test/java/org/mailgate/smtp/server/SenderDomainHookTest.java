package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** ValidSenderDomainHandler over real SMTP sessions. */
class SenderDomainHookTest {

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    private SmtpReply mail(String from) {
        try (SmtpDialogue client = smtp.connect("client.example.net")) {
            SmtpReply reply = client.command("MAIL FROM:<" + from + ">");
            if (!reply.isPositive()) {
                client.send("RCPT TO:<bob@local.example>").expect(503);
            }
            return reply;
        }
    }

    @Test
    void domainsWithMxOrAddressAndTheNullSenderPass() {
        smtp.dns.mx("mx.example", 10, "mail.mx.example").a("a.example", "192.0.2.1");
        smtp.start("<handler class=\"org.apache.james.smtpserver.fastfail.ValidSenderDomainHandler\"/>");
        assertThat(mail("a@mx.example").code()).isEqualTo(250);
        assertThat(mail("a@a.example").code()).isEqualTo(250);
        assertThat(mail("").code()).isEqualTo(250);
    }

    @Test
    void aDomainThatDoesNotExistIsRefusedPermanentlyAtMail() {
        smtp.dns.txt("txtonly.example", "hello");
        smtp.start("<handler class=\"ValidSenderDomain\"/>");
        SmtpReply refused = mail("a@nowhere.example");
        assertThat(refused.code()).isEqualTo(553);
        assertThat(refused.enhancedStatus()).contains("5.1.8");
        assertThat(refused.text()).contains("nowhere.example");
        assertThat(mail("a@txtonly.example").code()).as("exists, but no MX nor address").isEqualTo(553);
    }

    @Test
    void aNullMxDomainIsRefused() {
        smtp.dns.nullMx("nomail.example");
        smtp.start("<handler class=\"ValidSenderDomain\"/>");
        SmtpReply refused = mail("a@nomail.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedStatus()).contains("5.7.27");
    }

    @Test
    void dnsTroubleIsATemporaryRefusal() {
        smtp.dns.servfail("broken.example").timeout("slow.example");
        smtp.start("<handler class=\"ValidSenderDomain\"/>");
        for (String domain : new String[] {"broken.example", "slow.example"}) {
            SmtpReply reply = mail("a@" + domain);
            assertThat(reply.code()).as(domain).isEqualTo(451);
            assertThat(reply.enhancedStatus()).as(domain).contains("4.1.8");
        }
    }
}

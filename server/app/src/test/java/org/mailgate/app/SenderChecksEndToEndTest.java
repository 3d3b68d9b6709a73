package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.spf.SpfAttributes;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The sender checks wired into a running gateway: the {@code <handlerchain>} of smtpserver.xml asks the
 * loopback DNS server through the application's resolver and SPF evaluator, and the SPF mailet of the
 * pipeline writes the SMTP-time result as a Received-SPF header.
 */
class SenderChecksEndToEndTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    private void start() throws Exception {
        Path conf = peers.conf()
                .transportMailets("<mailet match=\"All\" class=\"SPF\"><addHeader>true</addHeader></mailet>")
                .writeTo(tmp.resolve("conf"));
        Files.writeString(conf.resolve("smtpserver.xml"), """
                <smtpservers>
                  <smtpserver>
                    <bind>127.0.0.1:0</bind>
                    <helloName>mailgate.test</helloName>
                    <authorizedAddresses>192.0.2.0/24</authorizedAddresses>
                    <handlerchain>
                      <handler class="org.apache.james.smtpserver.fastfail.DNSRBLHandler">
                        <rblservers><blacklist>bl.example</blacklist></rblservers>
                      </handler>
                      <handler class="org.apache.james.smtpserver.fastfail.ValidSenderDomainHandler"/>
                      <handler class="org.apache.james.smtpserver.fastfail.SPFHandler"/>
                      <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
                    </handlerchain>
                  </smtpserver>
                </smtpservers>
                """);
        peers.dns().a("good.example", "192.0.2.1").txt("good.example", "v=spf1 ip4:127.0.0.1 -all")
                .a("forged.example", "192.0.2.1").txt("forged.example", "v=spf1 ip4:192.0.2.1 -all");
        peers.start(conf, tmp.resolve("var"));
    }

    @Test
    void spfAtSmtpTimeRefusesForgedSendersAndTheMailetRecordsTheResultOfAcceptedOnes() throws Exception {
        start();
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<a@nowhere.example>").expect(553);
            smtp.send("MAIL FROM:<a@forged.example>").expect(250);
            assertThat(smtp.send("RCPT TO:<bob@local.example>").expect(550).enhancedStatus()).contains("5.7.23");
            smtp.send("RSET").expect(250);
            assertThat(smtp.sendMail("a@good.example", List.of("bob@local.example"),
                    "Subject: spf\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
        MailRepository inbound = peers.gateway().instance(MailRepositoryStore.class)
                .select(MailRepositoryUrl.of("file://var/mail/inbound/"));
        Await.until(Duration.ofSeconds(10), () -> inbound.size() == 1, () -> "the mail in the inbound repository");
        Mail mail = inbound.retrieve(inbound.keys(0, 1).get(0)).orElseThrow();
        String[] header = mail.getMessage().getHeader("Received-SPF");
        assertThat(header).hasSize(1);
        assertThat(header[0].replaceAll("\\r?\\n\\s+", " ")).startsWith("pass (mailgate.test: domain of a@good.example designates 127.0.0.1");
        assertThat(mail.getAttribute(org.apache.mailet.AttributeName.of(SpfAttributes.RESULT))
                .map(a -> (Object) a.getValue().value())).contains("pass");
        assertThat(peers.dns().queries()).contains("1.0.0.127.bl.example. A");
    }
}

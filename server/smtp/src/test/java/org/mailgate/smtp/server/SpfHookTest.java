package org.mailgate.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailgate.api.spf.SpfAttributes;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/** SPFHandler over real SMTP sessions: the client is 127.0.0.1, the records served on loopback. */
class SpfHookTest {

    @RegisterExtension
    final SenderCheckServer smtp = new SenderCheckServer();

    private static String spf(String parameters) {
        return "<handler class=\"org.apache.james.smtpserver.fastfail.SPFHandler\">" + parameters + "</handler>";
    }

    private SmtpReply rcpt(String from) {
        return smtp.rcpt("client.example.net", from, "bob@local.example");
    }

    private void records() {
        smtp.dns.txt("pass.example", "v=spf1 ip4:127.0.0.0/8 -all")
                .txt("fail.example", "v=spf1 ip4:192.0.2.0/24 -all exp=why.fail.example")
                .txt("why.fail.example", "%{i} may not send for %{d}")
                .txt("soft.example", "v=spf1 ip4:192.0.2.0/24 ~all")
                .txt("broken.example", "v=spf1 ip4:127.0.0.1/40 -all")
                .servfail("slow.example");
    }

    @Test
    void passIsAcceptedAndRecordedOnTheMail() {
        records();
        smtp.start(spf(""));
        try (SmtpDialogue client = smtp.connect("client.example.net")) {
            assertThat(client.sendMail("a@pass.example", List.of("bob@local.example"),
                    "Subject: hi\r\n\r\nhello\r\n").isPositive()).isTrue();
        }
        Map<String, Object> attributes = smtp.spool.accepted().get(0).arrival().attributes().stream()
                .collect(Collectors.toMap(a -> a.getName().asString(), a -> a.getValue().value()));
        assertThat(attributes).containsEntry(SpfAttributes.RESULT, "pass");
        assertThat((String) attributes.get(SpfAttributes.HEADER)).startsWith(
                "pass (mx.local.example: domain of a@pass.example designates 127.0.0.1 as permitted sender)");
    }

    @Test
    void failIsRefusedAtRcptWithTheDomainsExplanation() {
        records();
        smtp.start(spf(""));
        SmtpReply refused = rcpt("a@fail.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedStatus()).contains("5.7.23");
        assertThat(refused.text()).contains("127.0.0.1 may not send for fail.example");
    }

    @Test
    void softFailPassesUnlessBlockSoftFail() {
        records();
        smtp.start(spf("<blockSoftFail>false</blockSoftFail>"));
        assertThat(rcpt("a@soft.example").code()).isEqualTo(250);

        SenderCheckServer strict = new SenderCheckServer();
        try (strict) {
            strict.dns.txt("soft.example", "v=spf1 ip4:192.0.2.0/24 ~all");
            strict.start(spf("<blockSoftFail>true</blockSoftFail>"));
            try (SmtpDialogue client = strict.connect("client.example.net")) {
                client.send("MAIL FROM:<a@soft.example>").expect(250);
                SmtpReply refused = client.send("RCPT TO:<bob@local.example>").expect(550);
                assertThat(refused.enhancedStatus()).contains("5.7.23");
            }
        }
    }

    @Test
    void permErrorIsRefusedByDefault() {
        records();
        smtp.start(spf(""));
        SmtpReply refused = rcpt("a@broken.example");
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedStatus()).contains("5.7.24");
    }

    @Test
    void permErrorPassesWithoutBlockPermError() {
        records();
        smtp.start(spf("<blockPermError>false</blockPermError>"));
        assertThat(rcpt("a@broken.example").code()).isEqualTo(250);
    }

    @Test
    void tempErrorIsATemporaryRefusal() {
        records();
        smtp.start(spf("<blockSoftFail>true</blockSoftFail>"));
        SmtpReply reply = rcpt("a@slow.example");
        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhancedStatus()).contains("4.7.24");
    }

    @Test
    void domainsWithoutSpfAndTheNullSenderWithoutHeloRecordPass() {
        records();
        smtp.start(spf("<blockSoftFail>true</blockSoftFail>"));
        assertThat(rcpt("a@nospf.example").code()).isEqualTo(250);
        assertThat(rcpt("").code()).isEqualTo(250);
    }
}

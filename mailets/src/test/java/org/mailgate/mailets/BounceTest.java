package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class BounceTest implements DeliveryReportContract {

    private final RecordingMailetContext context = DeliveryReportContract.newContext();

    @Override
    public RecordingMailetContext context() {
        return context;
    }

    @Override
    public Mailet newMailet() {
        return new Bounce();
    }

    @Override
    public String name() {
        return "Bounce";
    }

    private static Mail mail() {
        return DeliveryReportContract.mail();
    }

    @Test
    void aBounceSaysWhatFailedForEachRecipientAndReturnsTheMessage() throws Exception {
        init(config()).service(mail());

        MimeMessage report = onlyReport();
        assertThat(report.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("alice@far.example");
        assertThat(report.getHeader("Auto-Submitted")).containsExactly("auto-replied");

        assertThat(Reparsed.text(Reparsed.part(report, 0))).startsWith(NotifyParameters.DEFAULT_NOTICE)
                .contains("  RCPT TO: bob@corp.example\r\n");
        assertThat(Reparsed.text(Reparsed.part(report, 1)))
                .contains("\r\nFinal-Recipient: rfc822; bob@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("\r\nFinal-Recipient: rfc822; carol@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .doesNotContain("Diagnostic-Code");
        var returned = Reparsed.part(report, 2);
        assertThat(returned.isMimeType("message/rfc822")).isTrue();
        assertThat(Reparsed.attached(returned).getMessageID()).isEqualTo("<m1@far.example>");
    }

    @Test
    void theStatusAndDiagnosticComeFromTheMailsError() throws Exception {
        Mail original = mail();
        original.setErrorMessage("550 5.1.1 <bob@corp.example>: no such user");

        init(config()).service(original);

        String status = Reparsed.text(Reparsed.part(onlyReport(), 1));
        assertThat(status).contains("Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <bob@corp.example>: no such "
                + "user\r\n");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0)))
                .contains("Error message below:\r\n550 5.1.1 <bob@corp.example>: no such user\r\n");
    }

    @Test
    void theStatusComesFromTheMailetErrorAttributeWhenNoMessageIsRecorded() throws Exception {
        Mail original = mail();
        original.setAttribute(new Attribute(Mail.MAILET_ERROR,
                AttributeValue.ofUnserializable(new MessagingException("quota: 4.2.2 mailbox full"))));

        init(config()).service(original);

        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 1))).contains("Status: 4.2.2\r\n")
                .doesNotContain("Diagnostic-Code");
    }

    @Test
    void attachErrorAttachesTheErrorToTheHumanPartAndInlineQuotesTheBody() throws Exception {
        Mail original = mail();
        original.setErrorMessage("rejected by policy");

        init(config().param("attachError", "true").param("inline", "body").param("notice", "Not accepted.")
                .param("sender", "mailer-daemon@corp.example").param("prefix", "[bounce]")).service(original);

        MimeMessage report = onlyReport();
        assertThat(report.getSubject()).isEqualTo("[bounce] hello");
        assertThat(((InternetAddress) report.getFrom()[0]).getAddress()).isEqualTo("mailer-daemon@corp.example");
        var human = Reparsed.part(report, 0);
        assertThat(human.isMimeType("multipart/mixed")).isTrue();
        assertThat(Reparsed.text(Reparsed.part(human, 0))).startsWith("Not accepted.\r\n")
                .contains("Message:\r\nHello Bob\r\n");
        assertThat(Reparsed.part(human, 1).getFileName()).isEqualTo("Reasons");
        assertThat(Reparsed.text(Reparsed.part(human, 1))).isEqualTo("rejected by policy");
        assertThat(Reparsed.part(report, 1).isMimeType("message/delivery-status")).isTrue();
    }

    @Test
    void senderUnalteredKeepsTheOriginalFrom() throws Exception {
        init(config().param("sender", "unaltered")).service(mail());

        assertThat(((InternetAddress) onlyReport().getFrom()[0]).getAddress()).isEqualTo("alice@far.example");
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> init(config().param("attachment", "body")))
                .hasMessageContaining("attachment").hasMessageContaining("message, heads or none");
        assertThatThrownBy(() -> init(config().param("attachment", "everything")))
                .hasMessageContaining("parameter attachment must be one of");
        assertThatThrownBy(() -> init(config().param("to", "sender")))
                .hasMessageContaining("unknown parameter to");
        assertThatThrownBy(() -> init(config().param("sender", "not an address")))
                .hasMessageContaining("parameter sender");
        assertThatThrownBy(() -> init(config().param("attachError", "yes please")))
                .hasMessageContaining("attachError");
    }
}

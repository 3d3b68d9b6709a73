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
import org.junit.jupiter.api.Test;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class BounceTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private Bounce bounce(FakeMailetConfig config) throws MessagingException {
        context.setAttribute(ContextAttributes.HOST_NAME, "mx.corp.example");
        Bounce mailet = new Bounce();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("Bounce", context);
    }

    private static Mail mail() {
        return FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example", "carol@corp.example")
                .header("From", "Alice <alice@far.example>").header("To", "bob@corp.example")
                .header("Subject", "hello").header("Message-ID", "<m1@far.example>").body("Hello Bob\r\n").build();
    }

    private MimeMessage onlyReport() throws Exception {
        assertThat(context.sent()).hasSize(1);
        return Reparsed.message(context.sent().get(0).mail());
    }

    @Test
    void aBounceIsADeliveryStatusNotificationFromTheNullSenderToTheEnvelopeSender() throws Exception {
        Mail original = mail();

        bounce(config()).service(original);

        Mail sent = context.sent().get(0).mail();
        assertThat(sent.hasSender()).isFalse();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"));
        MimeMessage report = onlyReport();
        assertThat(report.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(Reparsed.multipart(report).getCount()).isEqualTo(3);
        assertThat(report.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("alice@far.example");
        assertThat(((InternetAddress) report.getFrom()[0]).getAddress()).isEqualTo("postmaster@corp.example");
        assertThat(report.getSubject()).isEqualTo("Re: hello");
        assertThat(report.getHeader("In-Reply-To")).containsExactly("<m1@far.example>");
        assertThat(report.getHeader("Auto-Submitted")).containsExactly("auto-replied");

        assertThat(Reparsed.text(Reparsed.part(report, 0))).startsWith(NotifyParameters.DEFAULT_NOTICE)
                .contains("  RCPT TO: bob@corp.example\r\n");
        var status = Reparsed.part(report, 1);
        assertThat(status.isMimeType("message/delivery-status")).isTrue();
        assertThat(Reparsed.text(status)).startsWith("Reporting-MTA: dns; mx.corp.example\r\n")
                .contains("\r\nFinal-Recipient: rfc822; bob@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("\r\nFinal-Recipient: rfc822; carol@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .doesNotContain("Diagnostic-Code");
        var returned = Reparsed.part(report, 2);
        assertThat(returned.isMimeType("message/rfc822")).isTrue();
        assertThat(Reparsed.attached(returned).getMessageID()).isEqualTo("<m1@far.example>");
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void theStatusAndDiagnosticComeFromTheMailsError() throws Exception {
        Mail original = mail();
        original.setErrorMessage("550 5.1.1 <bob@corp.example>: no such user");

        bounce(config()).service(original);

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

        bounce(config()).service(original);

        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 1))).contains("Status: 4.2.2\r\n")
                .doesNotContain("Diagnostic-Code");
    }

    @Test
    void attachmentHeadsReturnsOnlyTheHeaders() throws Exception {
        bounce(config().param("attachment", "heads")).service(mail());

        var returned = Reparsed.part(onlyReport(), 2);
        assertThat(returned.isMimeType("text/rfc822-headers")).isTrue();
        assertThat(Reparsed.text(returned)).contains("Subject: hello\r\n").doesNotContain("Hello Bob");
    }

    @Test
    void attachmentNoneMakesATwoPartReport() throws Exception {
        bounce(config().param("attachment", "none")).service(mail());

        assertThat(Reparsed.multipart(onlyReport()).getCount()).isEqualTo(2);
    }

    @Test
    void attachErrorAttachesTheErrorToTheHumanPartAndInlineQuotesTheBody() throws Exception {
        Mail original = mail();
        original.setErrorMessage("rejected by policy");

        bounce(config().param("attachError", "true").param("inline", "body").param("notice", "Not accepted.")
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
        bounce(config().param("sender", "unaltered")).service(mail());

        assertThat(((InternetAddress) onlyReport().getFrom()[0]).getAddress()).isEqualTo("alice@far.example");
    }

    @Test
    void withoutPassThroughTheOriginalIsEnded() throws Exception {
        Mail original = mail();

        bounce(config().param("passThrough", "false")).service(original);

        assertThat(context.sent()).hasSize(1);
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aMailFromTheNullSenderIsNeverBounced() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "dsn").build();

        bounce(config().param("passThrough", "false")).service(original);

        assertThat(context.sent()).isEmpty();
        assertThat(context.logged()).anyMatch(line -> line.contains("Bounce") && line.contains("null reverse-path"));
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> bounce(config().param("attachment", "body")))
                .hasMessageContaining("attachment").hasMessageContaining("message, heads or none");
        assertThatThrownBy(() -> bounce(config().param("attachment", "everything")))
                .hasMessageContaining("parameter attachment must be one of");
        assertThatThrownBy(() -> bounce(config().param("to", "sender")))
                .hasMessageContaining("unknown parameter to");
        assertThatThrownBy(() -> bounce(config().param("sender", "not an address")))
                .hasMessageContaining("parameter sender");
        assertThatThrownBy(() -> bounce(config().param("attachError", "yes please")))
                .hasMessageContaining("attachError");
    }
}

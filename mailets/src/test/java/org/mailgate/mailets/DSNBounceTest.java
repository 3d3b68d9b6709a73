package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class DSNBounceTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private DSNBounce dsnBounce(FakeMailetConfig config) throws MessagingException {
        context.setAttribute(ContextAttributes.HOST_NAME, "mx.corp.example");
        DSNBounce mailet = new DSNBounce();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("DSNBounce", context);
    }

    private static Mail mail() {
        return FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example", "carol@corp.example")
                .header("From", "Alice <alice@far.example>").header("Subject", "hello")
                .header("Message-ID", "<m1@far.example>").body("Hello Bob\r\n").build();
    }

    private MimeMessage onlyReport() throws Exception {
        assertThat(context.sent()).hasSize(1);
        return Reparsed.message(context.sent().get(0).mail());
    }

    private String status() throws Exception {
        return Reparsed.text(Reparsed.part(onlyReport(), 1));
    }

    @Test
    void aReportHasTextStatusPerRecipientAndTheOriginal() throws Exception {
        Mail original = mail();

        dsnBounce(config()).service(original);

        Mail sent = context.sent().get(0).mail();
        assertThat(sent.hasSender()).isFalse();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"));
        MimeMessage report = onlyReport();
        assertThat(report.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(Reparsed.multipart(report).getCount()).isEqualTo(3);
        assertThat(((InternetAddress) report.getFrom()[0]).getAddress()).isEqualTo("postmaster@corp.example");
        assertThat(report.getSubject()).isEqualTo("Re: hello");
        assertThat(Reparsed.text(Reparsed.part(report, 0)))
                .startsWith("This is the mail server at mx.corp.example.\r\n")
                .contains("Original email subject: hello\r\n")
                .contains("Failed recipient(s):\r\nbob@corp.example, carol@corp.example\r\n")
                .doesNotContain("Error message:");
        assertThat(status()).startsWith("Reporting-MTA: dns; mx.corp.example\r\n")
                .contains("Final-Recipient: rfc822; bob@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("Final-Recipient: rfc822; carol@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n");
        var returned = Reparsed.part(report, 2);
        assertThat(returned.isMimeType("message/rfc822")).isTrue();
        assertThat(Reparsed.text(Reparsed.attached(returned))).isEqualTo("Hello Bob\r\n");
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void theStatusComesFromJamesDeliveryErrorAttribute() throws Exception {
        Mail original = mail();
        original.setAttribute(new Attribute(FailureReason.DELIVERY_ERROR,
                AttributeValue.of("550 5.7.1 relaying denied")));

        dsnBounce(config()).service(original);

        assertThat(status()).contains("Status: 5.7.1\r\nDiagnostic-Code: smtp; 550 5.7.1 relaying denied\r\n");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0)))
                .contains("Error message:\r\n550 5.7.1 relaying denied\r\n");
    }

    @Test
    void aBasicSmtpReplyGivesTheClassOfTheStatus() throws Exception {
        Mail original = mail();
        original.setErrorMessage("452 too many recipients");

        dsnBounce(config()).service(original);

        assertThat(status()).contains("Status: 4.0.0\r\nDiagnostic-Code: smtp; 452 too many recipients\r\n");
    }

    @Test
    void messageStringPlaceholdersAreReplaced() throws Exception {
        Mail original = mail();
        original.setErrorMessage("mailbox disabled");

        dsnBounce(config().param("messageString", "Server [machine] on [date] says: [error]")).service(original);

        String text = Reparsed.text(Reparsed.part(onlyReport(), 0));
        assertThat(text).startsWith("Server mx.corp.example on ").contains(" says: mailbox disabled\r\n")
                .doesNotContain("[date]").containsPattern("on \\w{3}, \\d{1,2} \\w{3} \\d{4} ");
    }

    @Test
    void attachmentHeadsAndNoneChooseTheThirdPart() throws Exception {
        dsnBounce(config().param("attachment", "heads")).service(mail());
        var returned = Reparsed.part(onlyReport(), 2);
        assertThat(returned.isMimeType("text/rfc822-headers")).isTrue();
        assertThat(Reparsed.text(returned)).contains("Message-ID: <m1@far.example>\r\n").doesNotContain("Hello Bob");
    }

    @Test
    void attachmentNoneMakesATwoPartReport() throws Exception {
        dsnBounce(config().param("attachment", "none")).service(mail());

        assertThat(Reparsed.multipart(onlyReport()).getCount()).isEqualTo(2);
    }

    @Test
    void theClientsRetHdrsReturnsOnlyHeaders() throws Exception {
        Mail original = mail();
        original.setDsnParameters(DsnParameters.builder().ret(DsnParameters.Ret.HDRS).build().orElseThrow());

        dsnBounce(config()).service(original);

        assertThat(Reparsed.part(onlyReport(), 2).isMimeType("text/rfc822-headers")).isTrue();
    }

    @Test
    void actionDelayedDefaultsToFourZeroZero() throws Exception {
        Mail delayed = mail();
        delayed.setErrorMessage("connection timed out");

        dsnBounce(config().param("action", "delayed")).service(delayed);

        assertThat(status()).contains("Action: delayed\r\nStatus: 4.0.0\r\n");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0))).contains("Delayed recipient(s):");
    }

    @Test
    void actionDeliveredReportsSuccessWithoutDiagnostic() throws Exception {
        Mail delivered = mail();
        delivered.setErrorMessage("550 5.1.1 stale error");

        dsnBounce(config().param("action", "Delivered")).service(delivered);

        assertThat(status()).contains("Action: delivered\r\nStatus: 2.0.0\r\n").doesNotContain("Diagnostic-Code");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0))).contains("was delivered")
                .doesNotContain("stale error");
    }

    @Test
    void defaultStatusIsUsedWhenTheErrorHasNoCode() throws Exception {
        Mail original = mail();
        original.setErrorMessage("virus found");

        dsnBounce(config().param("defaultStatus", "5.7.0")).service(original);

        assertThat(status()).contains("Status: 5.7.0\r\n").doesNotContain("Diagnostic-Code");
    }

    @Test
    void passThroughFalseEndsTheOriginal() throws Exception {
        Mail original = mail();

        dsnBounce(config().param("passThrough", "false")).service(original);

        assertThat(context.sent()).hasSize(1);
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aMailFromTheNullSenderIsNeverReportedOn() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "dsn").build();

        dsnBounce(config()).service(original);

        assertThat(context.sent()).isEmpty();
        assertThat(context.logged()).anyMatch(line -> line.contains("DSNBounce") && line.contains("null reverse-path"));
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> dsnBounce(config().param("action", "bounced")))
                .hasMessageContaining("parameter action must be one of");
        assertThatThrownBy(() -> dsnBounce(config().param("defaultStatus", "unknown")))
                .hasMessageContaining("parameter defaultStatus").hasMessageContaining("'unknown'");
        assertThatThrownBy(() -> dsnBounce(config().param("defaultStatus", "2.0.0")))
                .hasMessageContaining("of class 4 or 5 for action failed");
        assertThatThrownBy(() -> dsnBounce(config().param("attachment", "body")))
                .hasMessageContaining("parameter attachment must be one of");
        assertThatThrownBy(() -> dsnBounce(config().param("notice", "x")))
                .hasMessageContaining("unknown parameter notice");
        assertThatThrownBy(() -> dsnBounce(config().param("sender", "a@x.example, b@x.example")))
                .hasMessageContaining("sender takes one address");
        assertThatThrownBy(() -> dsnBounce(config().param("passThrough", "perhaps")))
                .hasMessageContaining("passThrough");
    }
}

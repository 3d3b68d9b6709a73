package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class DSNBounceTest implements DeliveryReportContract {

    private final RecordingMailetContext context = DeliveryReportContract.newContext();

    @Override
    public RecordingMailetContext context() {
        return context;
    }

    @Override
    public Mailet newMailet() {
        return new DSNBounce();
    }

    @Override
    public String name() {
        return "DSNBounce";
    }

    private static Mail mail() {
        return DeliveryReportContract.mail();
    }

    private String status() throws Exception {
        return Reparsed.text(Reparsed.part(onlyReport(), 1));
    }

    @Test
    void aReportHasTextStatusPerRecipientAndTheOriginal() throws Exception {
        init(config()).service(mail());

        MimeMessage report = onlyReport();
        assertThat(Reparsed.text(Reparsed.part(report, 0)))
                .startsWith("This is the mail server at mx.corp.example.\r\n")
                .contains("Original email subject: hello\r\n")
                .contains("Failed recipient(s):\r\nbob@corp.example, carol@corp.example\r\n")
                .doesNotContain("Error message:");
        assertThat(status())
                .contains("Final-Recipient: rfc822; bob@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("Final-Recipient: rfc822; carol@corp.example\r\nAction: failed\r\nStatus: 5.0.0\r\n");
        var returned = Reparsed.part(report, 2);
        assertThat(returned.isMimeType("message/rfc822")).isTrue();
        assertThat(Reparsed.text(Reparsed.attached(returned))).isEqualTo("Hello Bob\r\n");
    }

    @Test
    void theStatusComesFromJamesDeliveryErrorAttribute() throws Exception {
        Mail original = mail();
        original.setAttribute(new Attribute(FailureReason.DELIVERY_ERROR,
                AttributeValue.of("550 5.7.1 relaying denied")));

        init(config()).service(original);

        assertThat(status()).contains("Status: 5.7.1\r\nDiagnostic-Code: smtp; 550 5.7.1 relaying denied\r\n");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0)))
                .contains("Error message:\r\n550 5.7.1 relaying denied\r\n");
    }

    @Test
    void aBasicSmtpReplyGivesTheClassOfTheStatus() throws Exception {
        Mail original = mail();
        original.setErrorMessage("452 too many recipients");

        init(config()).service(original);

        assertThat(status()).contains("Status: 4.0.0\r\nDiagnostic-Code: smtp; 452 too many recipients\r\n");
    }

    @Test
    void messageStringPlaceholdersAreReplaced() throws Exception {
        Mail original = mail();
        original.setErrorMessage("mailbox disabled");

        init(config().param("messageString", "Server [machine] on [date] says: [error]")).service(original);

        String text = Reparsed.text(Reparsed.part(onlyReport(), 0));
        assertThat(text).startsWith("Server mx.corp.example on ").contains(" says: mailbox disabled\r\n")
                .doesNotContain("[date]").containsPattern("on \\w{3}, \\d{1,2} \\w{3} \\d{4} ");
    }

    @Test
    void theClientsRetHdrsReturnsOnlyHeaders() throws Exception {
        Mail original = mail();
        original.setDsnParameters(DsnParameters.builder().ret(DsnParameters.Ret.HDRS).build().orElseThrow());

        init(config()).service(original);

        assertThat(Reparsed.part(onlyReport(), 2).isMimeType("text/rfc822-headers")).isTrue();
    }

    @Test
    void actionDelayedDefaultsToFourZeroZero() throws Exception {
        Mail delayed = mail();
        delayed.setErrorMessage("connection timed out");

        init(config().param("action", "delayed")).service(delayed);

        assertThat(status()).contains("Action: delayed\r\nStatus: 4.0.0\r\n");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0))).contains("Delayed recipient(s):");
    }

    @Test
    void actionDeliveredReportsSuccessWithoutDiagnostic() throws Exception {
        Mail delivered = mail();
        delivered.setErrorMessage("550 5.1.1 stale error");

        init(config().param("action", "Delivered")).service(delivered);

        assertThat(status()).contains("Action: delivered\r\nStatus: 2.0.0\r\n").doesNotContain("Diagnostic-Code");
        assertThat(Reparsed.text(Reparsed.part(onlyReport(), 0))).contains("was delivered")
                .doesNotContain("stale error");
    }

    @Test
    void defaultStatusIsUsedWhenTheErrorHasNoCode() throws Exception {
        Mail original = mail();
        original.setErrorMessage("virus found");

        init(config().param("defaultStatus", "5.7.0")).service(original);

        assertThat(status()).contains("Status: 5.7.0\r\n").doesNotContain("Diagnostic-Code");
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> init(config().param("action", "bounced")))
                .hasMessageContaining("parameter action must be one of");
        assertThatThrownBy(() -> init(config().param("defaultStatus", "unknown")))
                .hasMessageContaining("parameter defaultStatus").hasMessageContaining("'unknown'");
        assertThatThrownBy(() -> init(config().param("defaultStatus", "2.0.0")))
                .hasMessageContaining("of class 4 or 5 for action failed");
        assertThatThrownBy(() -> init(config().param("attachment", "body")))
                .hasMessageContaining("parameter attachment must be one of");
        assertThatThrownBy(() -> init(config().param("notice", "x")))
                .hasMessageContaining("unknown parameter notice");
        assertThatThrownBy(() -> init(config().param("sender", "a@x.example, b@x.example")))
                .hasMessageContaining("sender takes one address");
        assertThatThrownBy(() -> init(config().param("passThrough", "perhaps")))
                .hasMessageContaining("passThrough");
    }
}

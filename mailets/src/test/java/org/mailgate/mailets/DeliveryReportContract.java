package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mailet.ContextAttributes;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

/**
 * What Bounce and DSNBounce share through {@link DeliveryReport}, tested once for both: a report is a
 * {@code multipart/report} from the null reverse-path to the envelope sender, never about a mail from
 * the null reverse-path; {@code attachment} chooses its third part; {@code passThrough=false} ends the
 * original. Each test class gives the mailet and its context, and tests what is its own.
 */
interface DeliveryReportContract {

    /** A context whose postmaster is postmaster@corp.example and whose host name is mx.corp.example. */
    static RecordingMailetContext newContext() {
        RecordingMailetContext context = new RecordingMailetContext("corp.example");
        context.setAttribute(ContextAttributes.HOST_NAME, "mx.corp.example");
        return context;
    }

    /** From alice@far.example to bob@ and carol@corp.example, Message-ID m1@far.example. */
    static Mail mail() {
        return FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example", "carol@corp.example")
                .header("From", "Alice <alice@far.example>").header("To", "bob@corp.example")
                .header("Subject", "hello").header("Message-ID", "<m1@far.example>").body("Hello Bob\r\n").build();
    }

    RecordingMailetContext context();

    /** A new mailet of the kind under test, not yet initialised. */
    Mailet newMailet();

    /** The mailet's name, in its configuration and its log lines. */
    String name();

    default Mailet init(FakeMailetConfig config) throws MessagingException {
        Mailet mailet = newMailet();
        mailet.init(config);
        return mailet;
    }

    default FakeMailetConfig config() {
        return FakeMailetConfig.of(name(), context());
    }

    default MimeMessage onlyReport() throws Exception {
        assertThat(context().sent()).hasSize(1);
        return Reparsed.message(context().sent().get(0).mail());
    }

    @Test
    default void aReportGoesFromTheNullSenderToTheEnvelopeSenderAndTheOriginalGoesOn() throws Exception {
        Mail original = mail();

        init(config()).service(original);

        Mail sent = context().sent().get(0).mail();
        assertThat(sent.hasSender()).isFalse();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"));
        MimeMessage report = onlyReport();
        assertThat(report.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(Reparsed.multipart(report).getCount()).isEqualTo(3);
        assertThat(((InternetAddress) report.getFrom()[0]).getAddress()).isEqualTo("postmaster@corp.example");
        assertThat(report.getSubject()).isEqualTo("Re: hello");
        assertThat(report.getHeader("In-Reply-To")).containsExactly("<m1@far.example>");
        assertThat(Reparsed.part(report, 1).isMimeType("message/delivery-status")).isTrue();
        assertThat(Reparsed.text(Reparsed.part(report, 1))).startsWith("Reporting-MTA: dns; mx.corp.example\r\n");
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    default void attachmentHeadsReturnsOnlyTheHeaders() throws Exception {
        init(config().param("attachment", "heads")).service(mail());

        var returned = Reparsed.part(onlyReport(), 2);
        assertThat(returned.isMimeType("text/rfc822-headers")).isTrue();
        assertThat(Reparsed.text(returned)).contains("Subject: hello\r\n").contains("Message-ID: <m1@far.example>\r\n")
                .doesNotContain("Hello Bob");
    }

    @Test
    default void attachmentNoneMakesATwoPartReport() throws Exception {
        init(config().param("attachment", "none")).service(mail());

        assertThat(Reparsed.multipart(onlyReport()).getCount()).isEqualTo(2);
    }

    @Test
    default void passThroughFalseEndsTheOriginal() throws Exception {
        Mail original = mail();

        init(config().param("passThrough", "false")).service(original);

        assertThat(context().sent()).hasSize(1);
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    default void aMailFromTheNullSenderIsNeverReportedOnAndPassThroughStillApplies() throws Exception {
        Mail goesOn = FakeMail.builder().recipients("bob@corp.example").header("Subject", "dsn").build();
        Mail ended = FakeMail.builder().recipients("bob@corp.example").header("Subject", "dsn").build();

        init(config()).service(goesOn);
        init(config().param("passThrough", "false")).service(ended);

        assertThat(context().sent()).isEmpty();
        assertThat(context().logged()).anyMatch(line -> line.contains(name()) && line.contains("null reverse-path"));
        assertThat(goesOn.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(ended.getState()).isEqualTo(Mail.GHOST);
    }
}

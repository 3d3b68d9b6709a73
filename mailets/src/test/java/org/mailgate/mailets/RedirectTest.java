package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class RedirectTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private Redirect redirect(FakeMailetConfig config) throws MessagingException {
        Redirect mailet = new Redirect();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("Redirect", context);
    }

    private static Mail mail() {
        return FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example")
                .header("From", "Alice <alice@far.example>").header("To", "Bob <bob@corp.example>")
                .header("Reply-To", "lists@far.example").header("Subject", "hello")
                .header("Date", "Mon, 1 Jan 2024 10:00:00 +0000").header("Message-ID", "<m1@far.example>")
                .body("Hello Bob\r\n").build();
    }

    private Mail sentAfter(FakeMailetConfig config, Mail original) throws Exception {
        redirect(config).service(original);
        assertThat(context.sent()).hasSize(1);
        return context.sent().get(0).mail();
    }

    private static String to(MimeMessage message) throws MessagingException {
        return InternetAddress.toString(message.getRecipients(Message.RecipientType.TO));
    }

    @Test
    void recipientsSetTheEnvelopeAndTheToHeaderOfTheUnalteredMessage() throws Exception {
        Mail original = mail();

        Mail sent = sentAfter(config().param("recipients", "x@list.example, Mr Y <y@list.example>"), original);

        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("x@list.example"),
                FakeMail.address("y@list.example"));
        MimeMessage message = Reparsed.message(sent);
        assertThat(to(message)).isEqualTo("x@list.example, Mr Y <y@list.example>");
        assertThat(message.getMessageID()).isEqualTo("<m1@far.example>");
        assertThat(message.getSubject()).isEqualTo("hello");
        assertThat(Reparsed.text(message)).isEqualTo("Hello Bob\r\n");
        assertThat(sent.getMaybeSender().asString()).isEqualTo("alice@far.example");
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
        assertThat(to(original.getMessage())).isEqualTo("Bob <bob@corp.example>");
    }

    @Test
    void toChangesOnlyTheHeaderWhenRecipientsAreGiven() throws Exception {
        Mail sent = sentAfter(config().param("recipients", "x@list.example").param("to", "list@corp.example"),
                mail());

        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("x@list.example"));
        assertThat(to(Reparsed.message(sent))).isEqualTo("list@corp.example");
    }

    @Test
    void withoutRecipientsTheEnvelopeIsUnchanged() throws Exception {
        Mail sent = sentAfter(config().param("subject", "changed"), mail());

        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("bob@corp.example"));
        assertThat(Reparsed.message(sent).getSubject()).isEqualTo("changed");
    }

    @Test
    void specialRecipientsAreResolvedAgainstTheMail() throws Exception {
        Mail sent = sentAfter(config().param("recipients", "sender, postmaster, replyTo, recipients")
                .param("to", "from, to"), mail());

        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"),
                FakeMail.address("postmaster@corp.example"), FakeMail.address("lists@far.example"),
                FakeMail.address("bob@corp.example"));
        assertThat(to(Reparsed.message(sent))).isEqualTo("Alice <alice@far.example>, Bob <bob@corp.example>");
    }

    @Test
    void replyToFallsBackToFromAndNullAloneRemovesTheToHeader() throws Exception {
        Mail original = FakeMail.builder().sender("bounces@far.example").recipients("bob@corp.example")
                .header("From", "alice@far.example").header("To", "bob@corp.example").header("Subject", "s").build();

        Mail sent = sentAfter(config().param("recipients", "replyTo").param("to", "null"), original);

        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"));
        assertThat(Reparsed.message(sent).getHeader("To")).isNull();
    }

    @Test
    void senderSetsFromAndTheReversePath() throws Exception {
        Mail sent = sentAfter(config().param("sender", "postmaster"), mail());

        assertThat(sent.getMaybeSender().asString()).isEqualTo("postmaster@corp.example");
        assertThat(InternetAddress.toString(Reparsed.message(sent).getFrom())).isEqualTo("postmaster@corp.example");
    }

    @Test
    void reversePathNullGivesTheNullReversePathWhileSenderStillSetsFrom() throws Exception {
        Mail sent = sentAfter(config().param("sender", "owner@corp.example").param("reversePath", "null"), mail());

        assertThat(sent.hasSender()).isFalse();
        assertThat(InternetAddress.toString(Reparsed.message(sent).getFrom())).isEqualTo("owner@corp.example");
    }

    @Test
    void reversePathSenderKeepsTheOriginalEnvelopeSender() throws Exception {
        Mail sent = sentAfter(config().param("reversePath", "sender").param("recipients", "x@list.example"), mail());

        assertThat(sent.getMaybeSender().asString()).isEqualTo("alice@far.example");
    }

    @Test
    void replyToNullRemovesTheHeader() throws Exception {
        Mail sent = sentAfter(config().param("replyTo", "null"), mail());

        assertThat(Reparsed.message(sent).getHeader("Reply-To")).isNull();
    }

    @Test
    void replyToSenderIsTheEnvelopeSender() throws Exception {
        Mail sent = sentAfter(config().param("replyto", "sender"), mail());

        assertThat(Reparsed.message(sent).getHeader("Reply-To")).containsExactly("alice@far.example");
    }

    @Test
    void replyToPostmasterIsThePostmaster() throws Exception {
        Mail sent = sentAfter(config().param("replyTo", "postmaster"), mail());

        assertThat(Reparsed.message(sent).getHeader("Reply-To")).containsExactly("postmaster@corp.example");
    }

    @Test
    void prefixGoesBeforeTheOriginalSubject() throws Exception {
        Mail sent = sentAfter(config().param("prefix", "[list]"), mail());

        assertThat(Reparsed.message(sent).getSubject()).isEqualTo("[list] hello");
    }

    @Test
    void prefixGoesBeforeTheNewSubject() throws Exception {
        Mail sent = sentAfter(config().param("prefix", "[list]").param("subject", "Größe"), mail());

        assertThat(Reparsed.message(sent).getSubject()).isEqualTo("[list] Größe");
    }

    @Test
    void inlineBodyBuildsANewMessageWithTextAttachmentAndError() throws Exception {
        Mail original = mail();
        original.setErrorMessage("spam score 12");

        Mail sent = sentAfter(config().param("recipients", "quarantine@corp.example").param("inline", "body")
                .param("message", "Marked as spam:").param("attachment", "message").param("attachError", "true")
                .param("isReply", "true").param("sender", "postmaster").param("prefix", "[spam]"), original);

        MimeMessage message = Reparsed.message(sent);
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        assertThat(Reparsed.multipart(message).getCount()).isEqualTo(3);
        String text = Reparsed.text(Reparsed.part(message, 0));
        assertThat(text).startsWith("Marked as spam:\r\nMessage:\r\nHello Bob\r\n");
        assertThat(text).doesNotContain("Message Headers:");
        var attached = Reparsed.part(message, 1);
        assertThat(attached.isMimeType("message/rfc822")).isTrue();
        assertThat(attached.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(Reparsed.attached(attached).getSubject()).isEqualTo("hello");
        var error = Reparsed.part(message, 2);
        assertThat(error.getFileName()).isEqualTo("Reasons");
        assertThat(Reparsed.text(error)).isEqualTo("spam score 12");
        assertThat(message.getHeader("In-Reply-To")).containsExactly("<m1@far.example>");
        assertThat(message.getMessageID()).isNotEqualTo("<m1@far.example>");
        assertThat(message.getSubject()).isEqualTo("[spam] hello");
        assertThat(InternetAddress.toString(message.getFrom())).isEqualTo("postmaster@corp.example");
        assertThat(to(message)).isEqualTo("quarantine@corp.example");
        assertThat(message.getHeader("Date")).containsExactly("Mon, 1 Jan 2024 10:00:00 +0000");
        assertThat(sent.getMaybeSender().asString()).isEqualTo("postmaster@corp.example");
    }

    @Test
    void inlineHeadsAndHeadsAttachmentQuoteTheHeaderSection() throws Exception {
        Mail sent = sentAfter(config().param("inline", "heads").param("attachment", "heads"), mail());

        MimeMessage message = Reparsed.message(sent);
        assertThat(Reparsed.multipart(message).getCount()).isEqualTo(2);
        assertThat(Reparsed.text(Reparsed.part(message, 0))).startsWith("Message Headers:\r\n")
                .contains("Subject: hello\r\n").doesNotContain("Hello Bob");
        var heads = Reparsed.part(message, 1);
        assertThat(heads.isMimeType("text/plain")).isTrue();
        assertThat(heads.getFileName()).isEqualTo("hello");
        assertThat(Reparsed.text(heads)).contains("Message-ID: <m1@far.example>\r\n");
    }

    @Test
    void passThroughLetsTheOriginalGoOn() throws Exception {
        Mail original = mail();

        sentAfter(config().param("recipients", "x@list.example").param("passThrough", "true"), original);

        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void aMailFromTheNullSenderIsNotRedirectedToItsSender() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "dsn").build();

        redirect(config().param("recipients", "sender")).service(original);

        assertThat(context.sent()).isEmpty();
        assertThat(context.logged()).anyMatch(line -> line.contains("null reverse-path"));
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void fakeDomainCheckRefusesANewSenderWithoutMailServer() throws Exception {
        Redirect mailet = redirect(config().param("recipients", "x@list.example").param("fakeDomainCheck", "true"));
        Mail original = mail();

        assertThatThrownBy(() -> mailet.service(original)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("far.example");
        assertThat(context.sent()).isEmpty();
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> redirect(config().param("recipent", "x@list.example")))
                .hasMessageContaining("unknown parameter recipent");
        assertThatThrownBy(() -> redirect(config().param("recipients", "delete")))
                .hasMessageContaining("recipients").hasMessageContaining("'delete' is not allowed");
        assertThatThrownBy(() -> redirect(config().param("recipients", "")))
                .hasMessageContaining("parameter recipients is empty");
        assertThatThrownBy(() -> redirect(config().param("to", "nobody")))
                .hasMessageContaining("to").hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> redirect(config().param("inline", "sometimes")))
                .hasMessageContaining("inline must be one of unaltered, heads, body, all, none, not 'sometimes'");
        assertThatThrownBy(() -> redirect(config().param("inline", "message")))
                .hasMessageContaining("inline");
        assertThatThrownBy(() -> redirect(config().param("attachment", "unaltered").param("inline", "none")))
                .hasMessageContaining("attachment");
        assertThatThrownBy(() -> redirect(config().param("message", "hi")))
                .hasMessageContaining("message has no effect when inline is unaltered");
        assertThatThrownBy(() -> redirect(config().param("attachment", "message")))
                .hasMessageContaining("attachment has no effect");
        assertThatThrownBy(() -> redirect(config().param("replyTo", "a@x.example").param("replyto", "b@x.example")))
                .hasMessageContaining("replyTo and replyto");
        assertThatThrownBy(() -> redirect(config().param("reversePath", "unaltered")))
                .hasMessageContaining("reversePath").hasMessageContaining("'unaltered' is not allowed");
        assertThatThrownBy(() -> redirect(config().param("sender", "a@x.example, b@x.example")))
                .hasMessageContaining("sender takes one address");
        assertThatThrownBy(() -> redirect(config().param("sender", "null")))
                .hasMessageContaining("'null' is not allowed");
        assertThatThrownBy(() -> redirect(config().param("static", "maybe")))
                .hasMessageContaining("static");
        assertThatThrownBy(() -> redirect(config().param("isReply", "1")))
                .hasMessageContaining("isReply");
    }
}

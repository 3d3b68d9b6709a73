package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class NotifyMailetsTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private <M extends GenericMailet> M init(M mailet, FakeMailetConfig config) throws MessagingException {
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config(String name) {
        return FakeMailetConfig.of(name, context);
    }

    private static Mail mail() {
        Mail mail = FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example", "carol@corp.example")
                .header("From", "Alice <alice@far.example>").header("To", "bob@corp.example")
                .header("Cc", "carol@corp.example").header("Reply-To", "lists@far.example")
                .header("Subject", "hello").header("Message-ID", "<m1@far.example>").body("Hello Bob\r\n").build();
        mail.setErrorMessage("550 5.1.1 no such user");
        return mail;
    }

    private Mail onlySent() {
        assertThat(context.sent()).hasSize(1);
        return context.sent().get(0).mail();
    }

    private static String to(MimeMessage message) throws MessagingException {
        return InternetAddress.toString(message.getRecipients(Message.RecipientType.TO));
    }

    @Test
    void notifySenderWritesToTheEnvelopeSenderWithTheOriginalAttached() throws Exception {
        Mail original = mail();

        init(new NotifySender(), config("NotifySender")).service(original);

        Mail sent = onlySent();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("alice@far.example"));
        assertThat(sent.getMaybeSender().asString()).isEqualTo("postmaster@corp.example");
        MimeMessage message = Reparsed.message(sent);
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        assertThat(to(message)).isEqualTo("alice@far.example");
        assertThat(InternetAddress.toString(message.getFrom())).isEqualTo("postmaster@corp.example");
        assertThat(message.getSubject()).isEqualTo("Re: hello");
        assertThat(message.getHeader("Reply-To")).isNull();
        assertThat(message.getHeader("In-Reply-To")).containsExactly("<m1@far.example>");
        assertThat(Reparsed.multipart(message).getCount()).isEqualTo(2);
        String text = Reparsed.text(Reparsed.part(message, 0));
        assertThat(text).startsWith(NotifyParameters.DEFAULT_NOTICE + "\r\n")
                .contains("Error message below:\r\n550 5.1.1 no such user\r\n")
                .contains("  Subject: hello\r\n")
                .contains("  MAIL FROM: alice@far.example\r\n")
                .contains("  RCPT TO: bob@corp.example\r\n           carol@corp.example\r\n")
                .contains("  CC: carol@corp.example\r\n");
        var attached = Reparsed.part(message, 1);
        assertThat(attached.isMimeType("message/rfc822")).isTrue();
        assertThat(Reparsed.attached(attached).getMessageID()).isEqualTo("<m1@far.example>");
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void notifySenderNeverWritesToTheNullSender() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "a bounce").build();

        init(new NotifySender(), config("NotifySender")).service(original);

        assertThat(context.sent()).isEmpty();
        assertThat(context.logged()).anyMatch(line -> line.contains("NotifySender") && line.contains("<>"));
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void notifySenderWithoutPassThroughEndsTheOriginal() throws Exception {
        Mail original = mail();

        init(new NotifySender(), config("NotifySender").param("passThrough", "false")).service(original);

        assertThat(context.sent()).hasSize(1);
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void notifySenderToUnalteredKeepsTheOriginalToAndSenderUnalteredKeepsFromAndReversePath() throws Exception {
        init(new NotifySender(), config("NotifySender").param("to", "unaltered").param("sendingAddress", "unaltered")
                .param("notice", "Your mail was held.").param("prefix", "[held]").param("attachment", "none")
                .param("inline", "body")).service(mail());

        Mail sent = onlySent();
        assertThat(sent.getMaybeSender().asString()).isEqualTo("alice@far.example");
        MimeMessage message = Reparsed.message(sent);
        assertThat(to(message)).isEqualTo("bob@corp.example");
        assertThat(InternetAddress.toString(message.getFrom())).isEqualTo("Alice <alice@far.example>");
        assertThat(message.getSubject()).isEqualTo("[held] hello");
        assertThat(Reparsed.multipart(message).getCount()).isEqualTo(1);
        assertThat(Reparsed.text(Reparsed.part(message, 0))).startsWith("Your mail was held.\r\n")
                .contains("Message:\r\nHello Bob\r\n");
    }

    @Test
    void notifySenderToFromUsesTheFromHeader() throws Exception {
        init(new NotifySender(), config("NotifySender").param("to", "from")).service(mail());

        assertThat(to(Reparsed.message(onlySent()))).isEqualTo("Alice <alice@far.example>");
    }

    @Test
    void attachErrorAddsTheErrorAsAnAttachment() throws Exception {
        init(new NotifySender(), config("NotifySender").param("attachError", "true")).service(mail());

        MimeMessage message = Reparsed.message(onlySent());
        assertThat(Reparsed.multipart(message).getCount()).isEqualTo(3);
        assertThat(Reparsed.part(message, 2).getFileName()).isEqualTo("Reasons");
        assertThat(Reparsed.text(Reparsed.part(message, 2))).isEqualTo("550 5.1.1 no such user");
    }

    @Test
    void notifyPostmasterWritesToThePostmasterEvenForTheNullSender() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "a bounce")
                .header("To", "bob@corp.example").build();

        init(new NotifyPostmaster(), config("NotifyPostmaster").param("message", "A bounce failed.")
                .param("attachment", "heads")).service(original);

        Mail sent = onlySent();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("postmaster@corp.example"));
        MimeMessage message = Reparsed.message(sent);
        assertThat(to(message)).isEqualTo("postmaster@corp.example");
        assertThat(message.getSubject()).isEqualTo("Re: a bounce");
        assertThat(Reparsed.text(Reparsed.part(message, 0))).startsWith("A bounce failed.\r\n")
                .contains("  MAIL FROM: <>\r\n");
        var heads = Reparsed.part(message, 1);
        assertThat(heads.isMimeType("text/plain")).isTrue();
        assertThat(Reparsed.text(heads)).isEqualTo("Subject: a bounce\r\nTo: bob@corp.example\r\n");
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void notifyPostmasterToUnalteredKeepsTheOriginalTo() throws Exception {
        init(new NotifyPostmaster(), config("NotifyPostmaster").param("to", "unaltered")).service(mail());

        Mail sent = onlySent();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("postmaster@corp.example"));
        assertThat(to(Reparsed.message(sent))).isEqualTo("bob@corp.example");
    }

    @Test
    void notifyMailetsRefuseBadParameters() {
        assertThatThrownBy(() -> init(new NotifySender(), config("NotifySender").param("to", "postmaster")))
                .hasMessageContaining("parameter to must be one of sender, from, unaltered, not 'postmaster'");
        assertThatThrownBy(() -> init(new NotifySender(), config("NotifySender").param("to", "x@y.example")))
                .hasMessageContaining("parameter to must be one of");
        assertThatThrownBy(() -> init(new NotifyPostmaster(), config("NotifyPostmaster").param("to", "sender")))
                .hasMessageContaining("parameter to must be one of postmaster, unaltered");
        assertThatThrownBy(() -> init(new NotifySender(), config("NotifySender").param("notice", "a")
                .param("message", "b"))).hasMessageContaining("notice and message");
        assertThatThrownBy(() -> init(new NotifySender(), config("NotifySender").param("sender", "a@x.example")
                .param("sendingAddress", "b@x.example"))).hasMessageContaining("sender and sendingAddress");
        assertThatThrownBy(() -> init(new NotifySender(), config("NotifySender").param("inline", "unaltered")))
                .hasMessageContaining("parameter inline must be one of heads, body, all, none");
        assertThatThrownBy(() -> init(new NotifyPostmaster(), config("NotifyPostmaster").param("attachment", "x")))
                .hasMessageContaining("parameter attachment");
        assertThatThrownBy(() -> init(new NotifyPostmaster(), config("NotifyPostmaster").param("sender", "null")))
                .hasMessageContaining("'null' is not allowed");
        assertThatThrownBy(() -> init(new NotifyPostmaster(), config("NotifyPostmaster").param("recipients", "x")))
                .hasMessageContaining("unknown parameter recipients");
    }
}

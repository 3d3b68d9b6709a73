package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.LoopPrevention;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class ForwardTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private Forward forward(FakeMailetConfig config) throws MessagingException {
        Forward mailet = new Forward();
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config() {
        return FakeMailetConfig.of("Forward", context);
    }

    private static Mail mail() {
        return FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example", "carol@corp.example")
                .header("From", "Alice <alice@far.example>").header("To", "bob@corp.example")
                .header("Subject", "hello").header("Date", "Mon, 1 Jan 2024 10:00:00 +0000")
                .header("Message-ID", "<m1@far.example>").body("Hello Bob\r\n").build();
    }

    @Test
    void sendsTheMessageUnalteredToTheNewRecipientsAndEndsTheOriginal() throws Exception {
        Mail original = mail();
        byte[] originalBytes = Reparsed.bytes(original.getMessage());

        forward(config().param("forwardTo", "dave@elsewhere.example, Erin <erin@corp.example>")).service(original);

        assertThat(context.sent()).hasSize(1);
        Mail sent = context.sent().get(0).mail();
        assertThat(sent.getRecipients()).containsExactly(FakeMail.address("dave@elsewhere.example"),
                FakeMail.address("erin@corp.example"));
        assertThat(sent.getMaybeSender().asString()).isEqualTo("alice@far.example");
        assertThat(Reparsed.bytes(sent.getMessage())).isEqualTo(originalBytes);
        assertThat(context.sent().get(0).state()).isEqualTo(Mail.DEFAULT);
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
        assertThat(original.getRecipients()).hasSize(2);
    }

    @Test
    void passThroughLetsTheOriginalGoOn() throws Exception {
        Mail original = mail();

        forward(config().param("forwardto", "dave@elsewhere.example").param("passThrough", "true")).service(original);

        assertThat(context.sent()).hasSize(1);
        assertThat(original.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void specialValuesAreResolvedAgainstTheMail() throws Exception {
        Mail original = mail();

        forward(config().param("forwardTo", "sender, postmaster, recipients")).service(original);

        assertThat(context.sent().get(0).mail().getRecipients()).containsExactly(
                FakeMail.address("alice@far.example"), FakeMail.address("postmaster@corp.example"),
                FakeMail.address("bob@corp.example"), FakeMail.address("carol@corp.example"));
    }

    @Test
    void aMessageWithoutDateGetsOneAndKeepsItsMessageId() throws Exception {
        Mail original = FakeMail.builder().sender("alice@far.example").recipients("bob@corp.example")
                .header("Subject", "no date").header("Message-ID", "<m2@far.example>").build();

        forward(config().param("forwardTo", "dave@elsewhere.example")).service(original);

        var sent = Reparsed.message(context.sent().get(0).mail());
        assertThat(sent.getHeader("Date")).isNotNull();
        assertThat(sent.getMessageID()).isEqualTo("<m2@far.example>");
        assertThat(original.getMessage().getHeader("Date")).isNull();
    }

    @Test
    void forwardingToTheSenderOfAMailFromTheNullSenderSendsNothingAndSaysSo() throws Exception {
        Mail original = FakeMail.builder().recipients("bob@corp.example").header("Subject", "bounce").build();

        forward(config().param("forwardTo", "sender")).service(original);

        assertThat(context.sent()).isEmpty();
        assertThat(context.logged()).anyMatch(line -> line.contains("null reverse-path"));
        assertThat(original.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void keepsTheLoopPreventionRecordAndNoOtherAttribute() throws Exception {
        Mail original = mail();
        new LoopPrevention.RecordedRecipients(FakeMail.address("bob@corp.example")).recordOn(original);
        original.setAttribute(Attribute.convertToAttribute("other", "x"));

        forward(config().param("forwardTo", "dave@elsewhere.example")).service(original);

        Mail sent = context.sent().get(0).mail();
        assertThat(LoopPrevention.RecordedRecipients.fromMail(sent).getRecipients())
                .containsExactly(FakeMail.address("bob@corp.example"));
        assertThat(sent.getAttribute(AttributeName.of("other"))).isEmpty();
    }

    @Test
    void fakeDomainCheckRefusesASenderWhoseDomainHasNoMailServer() throws Exception {
        Forward mailet = forward(config().param("forwardTo", "dave@elsewhere.example")
                .param("fakeDomainCheck", "true"));

        assertThatThrownBy(() -> mailet.service(mail())).isInstanceOf(MessagingException.class)
                .hasMessageContaining("far.example").hasMessageContaining("fakeDomainCheck");
        assertThat(context.sent()).isEmpty();
    }

    @Test
    void refusesMissingDoubledOrBadParameters() {
        assertThatThrownBy(() -> forward(config())).hasMessageContaining("forwardTo is required");
        assertThatThrownBy(() -> forward(config().param("forwardTo", "a@x.example").param("forwardto", "b@x.example")))
                .hasMessageContaining("forwardTo and forwardto");
        assertThatThrownBy(() -> forward(config().param("forwardTo", "not an address")))
                .hasMessageContaining("forwardTo");
        assertThatThrownBy(() -> forward(config().param("forwardTo", "delete")))
                .hasMessageContaining("'delete' is not allowed");
        assertThatThrownBy(() -> forward(config().param("forwardTo", "a@x.example").param("inline", "body")))
                .hasMessageContaining("unknown parameter inline");
        assertThatThrownBy(() -> forward(config().param("forwardTo", "a@x.example").param("passThrough", "sure")))
                .hasMessageContaining("passThrough");
    }

    @Test
    void aDebugForwardIsLogged() throws Exception {
        forward(config().param("forwardTo", "dave@elsewhere.example").param("debug", "true")).service(mail());

        assertThat(context.logged()).anyMatch(line -> line.contains("Forward") && line.contains("dave@elsewhere.example"));
    }
}

package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.junit.jupiter.api.Test;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;
import org.mailgate.testkit.mailet.RecordingMailetContext.Sent;

class RecipientRewriteTableTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example", "corp.example.org");
    private final InMemoryRewriteTable table = new InMemoryRewriteTable();

    private RecipientRewriteTable mailet(String... parameters) throws MessagingException {
        FakeMailetConfig config = FakeMailetConfig.of("RecipientRewriteTable", context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.param(parameters[i], parameters[i + 1]);
        }
        RecipientRewriteTable mailet = new RecipientRewriteTable(table);
        mailet.init(config);
        return mailet;
    }

    private static Mail mail(String... recipients) {
        return FakeMail.builder().sender("sender@far.example").recipients(recipients).state("transport")
                .header("Subject", "hello").build();
    }

    private static List<String> recipients(Mail mail) {
        return mail.getRecipients().stream().map(MailAddress::asString).toList();
    }

    @Test
    void recipientsWithoutMappingsAreLeftAlone() throws Exception {
        table.map("other@corp.example=x@corp.example");
        Mail mail = mail("bob@corp.example", "someone@far.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("bob@corp.example", "someone@far.example");
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(context.sent()).isEmpty();
    }

    @Test
    void localTargetsReplaceTheRecipientInTheMail() throws Exception {
        table.map("info@corp.example=alice@corp.example;bob@corp.example.org");
        Mail mail = mail("info@corp.example", "carol@corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("alice@corp.example", "bob@corp.example.org", "carol@corp.example");
        assertThat(context.sent()).isEmpty();
    }

    @Test
    void remoteTargetsGoOnInACopyInTheSameState() throws Exception {
        table.map("info@corp.example=alice@corp.example;partner@far.example;other@elsewhere.example");
        Mail mail = mail("info@corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("alice@corp.example");
        assertThat(mail.getState()).isEqualTo("transport");
        Sent copy = context.sent().get(0);
        assertThat(context.sent()).hasSize(1);
        assertThat(copy.state()).isEqualTo("transport");
        assertThat(recipients(copy.mail())).containsExactly("partner@far.example", "other@elsewhere.example");
        assertThat(copy.mail().getMaybeSender().asString()).isEqualTo("sender@far.example");
        assertThat(copy.mail().getMessage().getSubject()).isEqualTo("hello");
    }

    @Test
    void aMailWhoseRecipientsAllGoRemoteIsDoneHere() throws Exception {
        table.map("info@corp.example=partner@far.example");
        Mail mail = mail("info@corp.example");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(mail.getRecipients()).isEmpty();
        assertThat(recipients(context.sent().get(0).mail())).containsExactly("partner@far.example");
    }

    @Test
    void anErrorMappingSendsThatRecipientToTheErrorProcessorWithItsText() throws Exception {
        table.map("gone@corp.example=error:550 5.1.1 This address is no longer in use");
        Mail mail = mail("gone@corp.example", "bob@corp.example");

        mailet("errorProcessor", "rrt-error").service(mail);

        assertThat(recipients(mail)).containsExactly("bob@corp.example");
        assertThat(mail.getState()).isEqualTo("transport");
        Sent refused = context.sent().get(0);
        assertThat(context.sent()).hasSize(1);
        assertThat(refused.state()).isEqualTo("rrt-error");
        assertThat(recipients(refused.mail())).containsExactly("gone@corp.example");
        assertThat(refused.mail().getErrorMessage()).isEqualTo("550 5.1.1 This address is no longer in use");
        assertThat(context.logged()).anySatisfy(line -> assertThat(line).contains("gone@corp.example")
                .contains("cannot be rewritten"));
    }

    @Test
    void failingRecipientsGoToTheDefaultErrorProcessorOneCopyPerReason() throws Exception {
        table.map("a@corp.example=error:550 Gone").map("b@corp.example=error:550 Gone")
                .map("c@corp.example=error:551 Moved");
        Mail mail = mail("a@corp.example", "b@corp.example", "c@corp.example");

        mailet().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.sent()).extracting(Sent::state).containsExactly(Mail.ERROR, Mail.ERROR);
        assertThat(recipients(context.sent().get(0).mail())).containsExactly("a@corp.example", "b@corp.example");
        assertThat(context.sent().get(0).mail().getErrorMessage()).isEqualTo("550 Gone");
        assertThat(recipients(context.sent().get(1).mail())).containsExactly("c@corp.example");
        assertThat(context.sent().get(1).mail().getErrorMessage()).isEqualTo("551 Moved");
    }

    @Test
    void aLoopSendsTheRecipientToTheErrorProcessorInsteadOfGoingRound() throws Exception {
        table.map("a@corp.example=b@corp.example").map("b@corp.example=a@corp.example");
        Mail mail = mail("a@corp.example", "bob@corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("bob@corp.example");
        Sent refused = context.sent().get(0);
        assertThat(refused.state()).isEqualTo(Mail.ERROR);
        assertThat(recipients(refused.mail())).containsExactly("a@corp.example");
        assertThat(refused.mail().getErrorMessage())
                .isEqualTo("554 5.4.6 Mapping loop for a@corp.example: a@corp.example -> b@corp.example -> a@corp.example");
    }

    @Test
    void aChainLongerThanMappingLimitSendsTheRecipientToTheErrorProcessor() throws Exception {
        table.settings(new RewriteSettings(true, 2)).map("a@corp.example=b@corp.example")
                .map("b@corp.example=c@corp.example").map("c@corp.example=d@corp.example");
        Mail tooLong = mail("a@corp.example");
        Mail shortEnough = mail("b@corp.example");
        RecipientRewriteTable mailet = mailet();

        mailet.service(tooLong);
        mailet.service(shortEnough);

        assertThat(tooLong.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.sent()).singleElement().satisfies(refused -> {
            assertThat(refused.state()).isEqualTo(Mail.ERROR);
            assertThat(refused.mail().getErrorMessage()).startsWith("554 5.4.6 Too many mappings to process for "
                    + "a@corp.example (mappingLimit 2)");
        });
        assertThat(recipients(shortEnough)).containsExactly("d@corp.example");
    }

    @Test
    void aliasDomainsAndRegexesRewriteToo() throws Exception {
        table.map("*@old.corp.example=domain:corp.example")
                .map("*@people.corp.example=regex:(.*)\\.(.*)@people\\.corp\\.example:${1}@corp.example");
        Mail mail = mail("bob@old.corp.example", "jane.doe@people.corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("bob@corp.example", "jane@corp.example");
    }

    @Test
    void aForwardSendsACopyWithTheRecipientAsSenderAndDropsTheRecipient() throws Exception {
        table.map("bob@corp.example=forward:bob@home.example");
        Mail mail = mail("bob@corp.example", "carol@corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("carol@corp.example");
        Sent forwarded = context.sent().get(0);
        assertThat(context.sent()).hasSize(1);
        assertThat(forwarded.mail().getMaybeSender().asString()).isEqualTo("bob@corp.example");
        assertThat(recipients(forwarded.mail())).containsExactly("bob@home.example");
        assertThat(forwarded.state()).isEqualTo("transport");
    }

    @Test
    void aForwardToItselfKeepsALocalCopy() throws Exception {
        table.map("bob@corp.example=forward:bob@corp.example;forward:bob@home.example");
        Mail mail = mail("bob@corp.example");

        mailet().service(mail);

        assertThat(recipients(mail)).containsExactly("bob@corp.example");
        assertThat(recipients(context.sent().get(0).mail())).containsExactly("bob@home.example");
        assertThat(context.sent().get(0).mail().getMaybeSender().asString()).isEqualTo("bob@corp.example");
    }

    @Test
    void withoutRewritingTheSenderAForwardIsAPlainAlias() throws Exception {
        table.map("bob@corp.example=forward:bob@home.example");
        Mail mail = mail("bob@corp.example");

        mailet("rewriteSenderUponForward", "false").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        Sent forwarded = context.sent().get(0);
        assertThat(forwarded.mail().getMaybeSender().asString()).isEqualTo("sender@far.example");
        assertThat(recipients(forwarded.mail())).containsExactly("bob@home.example");
    }

    @Test
    void parametersAreJamessAndBadOnesAreRefused() throws Exception {
        assertThat(mailet().errorProcessor()).isEqualTo(Mail.ERROR);
        assertThat(mailet("errorProcessor", "rrt-error").requiredProcessingState())
                .containsExactly(new ProcessingState("rrt-error"));
        assertThat(mailet().getMailetInfo()).isEqualTo("RecipientRewriteTable Mailet");
        assertThatThrownBy(() -> mailet("errorprocessor", "x")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("unknown parameter errorprocessor");
        assertThatThrownBy(() -> mailet("errorProcessor", "ghost")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("errorProcessor cannot be 'ghost'");
        assertThatThrownBy(() -> mailet("rewriteSenderUponForward", "sometimes")).isInstanceOf(MessagingException.class)
                .hasMessageContaining("rewriteSenderUponForward must be true or false");
    }
}

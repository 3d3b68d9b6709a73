package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class SimpleMailetsTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private <M extends Mailet> M init(M mailet, FakeMailetConfig config) throws MessagingException {
        mailet.init(config);
        return mailet;
    }

    private FakeMailetConfig config(String name) {
        return FakeMailetConfig.of(name, context);
    }

    private static Mail mail() {
        return FakeMail.builder().sender("a@corp.example").recipients("b@far.example")
                .header("Subject", "hello").header("Bcc", "hidden@corp.example").header("X-Trace", "1")
                .header("X-Trace", "2").build();
    }

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void toProcessorMovesTheMailAndRecordsTheNotice() throws Exception {
        ToProcessor mailet = init(new ToProcessor(), config("ToProcessor").param("processor", "transport")
                .param("notice", "sent on"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(mail.getErrorMessage()).isEqualTo("sent on");
        assertThat(mailet.processor()).isEqualTo("transport");
    }

    @Test
    void toProcessorWithoutNoticeLeavesTheErrorMessageAlone() throws Exception {
        ToProcessor mailet = init(new ToProcessor(), config("ToProcessor").param("processor", "transport"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getErrorMessage()).isNull();
    }

    @Test
    void toProcessorNeedsItsProcessorAndRefusesUnknownParameters() {
        assertThatThrownBy(() -> init(new ToProcessor(), config("ToProcessor")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("processor");
        assertThatThrownBy(() -> init(new ToProcessor(), config("ToProcessor").param("processor", "x")
                .param("procesor", "y")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("procesor");
    }

    @Test
    void nullGhostsTheMail() throws Exception {
        Null mailet = init(new Null(), config("Null"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void nullTakesNoParameters() {
        assertThatThrownBy(() -> init(new Null(), config("Null").param("passThrough", "true")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("passThrough");
    }

    @Test
    void removeMimeHeaderRemovesEveryListedHeaderAndNothingElse() throws Exception {
        RemoveMimeHeader mailet = init(new RemoveMimeHeader(), config("RemoveMimeHeader")
                .param("name", "bcc, X-Trace, X-Absent"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(text(mail)).isEqualTo("Subject: hello\r\n\r\nHello\r\n");
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void removeMimeHeaderNeedsANonEmptyList() {
        assertThatThrownBy(() -> init(new RemoveMimeHeader(), config("RemoveMimeHeader")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> init(new RemoveMimeHeader(), config("RemoveMimeHeader").param("name", " , ")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("no header");
    }

    @Test
    void toRepositoryStoresAndEndsTheMail() throws Exception {
        InMemoryRepositories repositories = new InMemoryRepositories();
        ToRepository mailet = init(new ToRepository(repositories), config("ToRepository")
                .param("repositoryPath", "file://var/mail/error/"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(repositories.stored("file://var/mail/error")).containsExactly("MAIL1 [b@far.example]");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void toRepositoryWithPassThroughLetsTheMailGoOn() throws Exception {
        InMemoryRepositories repositories = new InMemoryRepositories();
        ToRepository mailet = init(new ToRepository(repositories), config("ToRepository")
                .param("repositoryPath", "h2://quarantine").param("passThrough", "true"));
        Mail mail = mail();

        mailet.service(mail);

        assertThat(repositories.stored("h2://quarantine/")).hasSize(1);
        assertThat(mail.getState()).isEqualTo(Mail.DEFAULT);
    }

    @Test
    void toRepositoryRefusesAPathThatIsNotAUrl() {
        assertThatThrownBy(() -> init(new ToRepository(new InMemoryRepositories()), config("ToRepository")
                .param("repositoryPath", "var/mail/error")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("repositoryPath").hasMessageContaining("file://var/mail/error/");
    }

    @Test
    void toRepositoryRefusesANonBooleanPassThrough() {
        assertThatThrownBy(() -> init(new ToRepository(new InMemoryRepositories()), config("ToRepository")
                .param("repositoryPath", "file://var/mail/error/").param("passThrough", "maybe")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("passThrough");
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The key container rules on a real gateway, for one message with five recipients: a partial match
 * splits the mail, a state change moves the matched part at once, Null ends a part as a ghost, a
 * failing mailet sends its part to {@code error} with the error recorded, and the rest goes on.
 */
class PipelineRulesOverSmtpTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    MailRepository repository(String url) {
        return peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of(url));
    }

    static Mail only(MailRepository repository) throws Exception {
        assertThat(repository.size()).isOne();
        return repository.retrieve(repository.keys(0, 1).get(0)).orElseThrow();
    }

    @Test
    void eachRecipientTakesItsOwnPathThroughTheProcessors() throws Exception {
        Path conf = peers.conf().rootMailets("""
                <mailet match="RecipientIs=split@local.example" class="ToRepository">
                  <repositoryPath>file://var/mail/split/</repositoryPath>
                </mailet>
                <mailet match="RecipientIs=moved@local.example" class="ToProcessor">
                  <processor>moved</processor>
                </mailet>
                <mailet match="RecipientIs=drop@local.example" class="Null"/>
                <mailet match="RecipientIs=fail@local.example" class="org.mailgate.app.HoldUntilFileExists">
                  <file>%s</file>
                </mailet>
                <mailet match="All" class="SetMimeHeader">
                  <name>X-Root-Rest</name>
                  <value>seen</value>
                </mailet>""".formatted(tmp.resolve("never"))).processors("""
                <processor state="moved">
                  <mailet match="All" class="SetMimeHeader">
                    <name>X-Moved</name>
                    <value>yes</value>
                  </mailet>
                  <mailet match="All" class="ToRepository">
                    <repositoryPath>file://var/mail/moved/</repositoryPath>
                  </mailet>
                </processor>""").writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));

        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("split@local.example", "moved@local.example",
                    "drop@local.example", "fail@local.example", "bob@remote.example"),
                    "Subject: paths\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }

        ReceivedMessage delivered = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(delivered.rcptTo()).containsExactly("bob@remote.example");
        assertThat(delivered.dataAsString()).contains("X-Root-Rest: seen").doesNotContain("X-Moved");
        MailRepository errors = repository("file://var/mail/error/");
        Await.until(Duration.ofSeconds(10), () -> errors.size() == 1 && repository("file://var/mail/moved/").size() == 1,
                () -> "the failed and the moved parts are stored");

        assertThat(only(repository("file://var/mail/split/")).getRecipients()).map(Object::toString)
                .containsExactly("split@local.example");
        Mail moved = only(repository("file://var/mail/moved/"));
        assertThat(moved.getRecipients()).map(Object::toString).containsExactly("moved@local.example");
        assertThat(moved.getMessage().getHeader("X-Moved", null)).isEqualTo("yes");
        assertThat(moved.getMessage().getHeader("X-Root-Rest")).as("left root at once").isNull();
        Mail failed = only(errors);
        assertThat(failed.getRecipients()).map(Object::toString).containsExactly("fail@local.example");
        assertThat(failed.getErrorMessage()).contains("HoldUntilFileExists").contains("holding");
        assertThat(repository("file://var/mail/inbound/").size()).as("drop@ ended as a ghost").isZero();
        assertThat(peers.sink().messageCount()).isOne();
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
import org.mailgate.spool.SpoolStore;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The spooler's rules for a failure handed to it ({@code onMailetException propagate}): the mail goes
 * back to the spool exactly as it was taken (recipients too, and nothing it handed on is kept), it is
 * retried later, and after five failed attempts it is stored in the error repository.
 */
class SpoolerTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    final MutableClock clock = new MutableClock();

    void start(Path release) throws Exception {
        TestConf conf = peers.conf().rootMailets("""
                <mailet match="All" class="ToRepository">
                  <repositoryPath>file://var/mail/seen/</repositoryPath>
                  <passThrough>true</passThrough>
                </mailet>
                <mailet match="All" class="org.mailgate.app.KeepFirstRecipient"/>
                <mailet match="All" class="org.mailgate.app.HoldUntilFileExists">
                  <file>%s</file>
                  <onMailetException>propagate</onMailetException>
                </mailet>""".formatted(release));
        peers.start(conf.writeTo(tmp.resolve("conf")), tmp.resolve("var"), clock);
    }

    void send() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail("alice@example.org", List.of("bob@remote.example", "carol@remote.example"),
                    "Subject: retry\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }
    }

    void awaitFailedAttempts(SpoolStore spool, int attempts) {
        Await.until(Duration.ofSeconds(10), () -> spool.size() == 1 && spool.entries(1).get(0).failedAttempts() == attempts,
                () -> "the mail waits in the spool after " + attempts + " failed attempt(s)");
    }

    MailRepository repository(String url) {
        return peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of(url));
    }

    @Test
    void aRetriedMailHasTheRecipientsItHadWhenTakenAndNothingItHandedOnIsKept() throws Exception {
        Path release = tmp.resolve("release");
        start(release);
        send();
        SpoolStore spool = peers.gateway().instance(SpoolStore.class);
        awaitFailedAttempts(spool, 1);
        assertThat(repository("file://var/mail/seen/").size())
                .as("the copy stored by the failed attempt is rolled back with it").isZero();

        Files.writeString(release, "go");
        clock.advance(Duration.ofMinutes(1));

        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo())
                .as("KeepFirstRecipient ran once, on the restored mail").containsExactly("bob@remote.example");
        Await.until(Duration.ofSeconds(10), () -> spool.size() == 0, () -> "the spool is empty");
        assertThat(repository("file://var/mail/seen/").size()).isEqualTo(1);
        var stored = repository("file://var/mail/seen/");
        Mail seen = stored.retrieve(stored.keys(0, 1).get(0)).orElseThrow();
        assertThat(seen.getRecipients()).map(Object::toString)
                .containsExactly("bob@remote.example", "carol@remote.example");
    }

    @Test
    void afterFiveFailedAttemptsTheMailIsStoredInTheErrorRepository() throws Exception {
        start(tmp.resolve("never"));
        send();
        SpoolStore spool = peers.gateway().instance(SpoolStore.class);
        for (int attempt = 1; attempt <= 5; attempt++) {
            awaitFailedAttempts(spool, attempt);
            clock.advance(Duration.ofHours(2));
        }
        Await.until(Duration.ofSeconds(10), () -> spool.size() == 0, () -> "the mail leaves the spool");
        MailRepository errors = repository("file://var/mail/error/");
        assertThat(errors.size()).isEqualTo(1);
        Mail failed = errors.retrieve(errors.keys(0, 1).get(0)).orElseThrow();
        assertThat(failed.getRecipients()).map(Object::toString)
                .containsExactly("bob@remote.example", "carol@remote.example");
        assertThat(failed.getErrorMessage()).contains("5 times");
        assertThat(peers.sink().messageCount()).isZero();
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import java.util.Optional;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * Mailgate boots on a {@code mailetcontainer.xml} shaped like James's SMTP relay sample (same
 * processors, mailets, composite matchers written with James's class names) and behaves as that
 * sample does: relays for authorised clients, refuses others, bounces mail for unknown local users,
 * turns a permanent delivery failure into a DSN.
 */
class JamesRelaySampleTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    @BeforeEach
    void start() throws Exception {
        String xml = new String(getClass().getResourceAsStream("/james/mailetcontainer.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        Path conf = peers.conf().mailetContainer(xml).writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));
    }

    SmtpReply send(String from, List<String> to, String message) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            return smtp.sendMail(from, to, message);
        }
    }

    long stored(String repository) {
        return peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of(repository)).size();
    }

    @Test
    void relaysForAnAuthorisedClientWithoutTheBccHeader() throws Exception {
        assertThat(send("alice@local.example", List.of("bob@remote.example"),
                "Subject: relay\r\nBcc: secret@remote.example\r\n\r\nhello\r\n").code()).isEqualTo(250);

        ReceivedMessage received = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(received.rcptTo()).containsExactly("bob@remote.example");
        assertThat(received.dataAsString()).contains("Subject: relay\r\n").doesNotContain("Bcc:");
    }

    @Test
    void refusesToRelayForAClientOutsideTheAuthorisedNetworks() throws Exception {
        peers.stopGateway();
        String xml = new String(getClass().getResourceAsStream("/james/mailetcontainer.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        Path conf = peers.conf().mailetContainer(xml)
                .authorizedAddresses("192.0.2.0/24").writeTo(tmp.resolve("conf2"));
        peers.start(conf, tmp.resolve("var2"));

        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.command("MAIL FROM:<mallory@remote.example>").code()).isEqualTo(250);
            SmtpReply reply = smtp.command("RCPT TO:<victim@remote.example>");
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("5.7.1");
        }
    }

    @Test
    void bouncesMailForAnUnknownLocalUserToItsSender() throws Exception {
        assertThat(send("carol@remote.example", List.of("nobody@local.example"),
                "Subject: hello?\r\nMessage-ID: <unknown-user@remote.example>\r\n\r\nanyone there\r\n").code())
                .isEqualTo(250);

        ReceivedMessage bounce = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(bounce.mailFrom()).isEmpty();
        assertThat(bounce.rcptTo()).containsExactly("carol@remote.example");
        assertThat(bounce.dataAsString()).contains("report-type=delivery-status").contains("nobody@local.example");
        Await.until(Duration.ofSeconds(10), () -> stored("file://var/mail/address-error/") == 1,
                () -> "the mail is kept in the address-error repository");
    }

    @Test
    void reprocessedMailIsToldApartByTheErrorProcessorAndNotBouncedTwice() throws Exception {
        assertThat(send("carol@remote.example", List.of("nobody@local.example"),
                "Subject: hello?\r\n\r\nanyone there\r\n").code()).isEqualTo(250);
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("carol@remote.example");
        Await.until(Duration.ofSeconds(10), () -> stored("file://var/mail/address-error/") == 1,
                () -> "the mail is kept in the address-error repository");

        MailRepositoryReprocessor reprocessor = peers.gateway().instance(MailRepositoryReprocessor.class);
        assertThat(reprocessor.reprocessAll(MailRepositoryUrl.of("file://var/mail/address-error/"),
                Optional.of("error"))).isOne();

        Await.until(Duration.ofSeconds(10), () -> stored("file://var/mail/error/") == 1,
                () -> "the reprocessed mail ends in the error repository");
        assertThat(stored("file://var/mail/address-error/")).isZero();
        assertThat(peers.sink().messageCount()).as("no second bounce for reprocessed mail").isOne();
    }

    @Test
    void aPermanentDeliveryFailureBecomesADsnToTheSender() throws Exception {
        peers.sink().rejectRecipient("gone@remote.example", 550, "5.1.1 no such mailbox");

        assertThat(send("carol@remote.example", List.of("gone@remote.example"),
                "Subject: to the void\r\n\r\nhello\r\n").code()).isEqualTo(250);

        ReceivedMessage dsn = peers.sink().awaitMessage(Duration.ofSeconds(15));
        assertThat(dsn.mailFrom()).isEmpty();
        assertThat(dsn.rcptTo()).containsExactly("carol@remote.example");
        assertThat(dsn.dataAsString()).contains("report-type=delivery-status").contains("gone@remote.example")
                .contains("Status: 5.1.1").contains("Reporting-MTA: dns; mailgate.test");
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.DeliveryErrorAttributes;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.LogCapture;
import org.mailgate.testkit.smtp.ReceivedMessage;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * What remote delivery does with recipients it gives up on: without a {@code bounceProcessor}, one RFC
 * 3464 report to the sender naming only those recipients with the remote server's answer (none for the
 * null sender); with one, the mail goes there carrying James's delivery-error attributes, which the
 * remote-delivery matchers read; with {@code onSuccess}, a copy of delivered mail goes on too.
 */
class DeliveryFailureTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    /** Sends a message; returns its queue id. */
    String send(String from, List<String> to) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            SmtpReply reply = smtp.sendMail(from, to,
                    "Subject: partial\r\nMessage-ID: <partial@remote.example>\r\n\r\nhi\r\n");
            assertThat(reply.code()).isEqualTo(250);
            return reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        }
    }

    MailRepository repository(String url) {
        return peers.gateway().instance(MailRepositoryStore.class).select(MailRepositoryUrl.of(url));
    }

    @Test
    void aRefusedRecipientIsReportedToTheSenderAloneWithTheServersAnswer() throws Exception {
        peers.sink().rejectRecipient("gone@remote.example", 550, "5.1.1 <gone@remote.example>: no such mailbox");
        peers.start(peers.conf().deliveryParameters("").writeTo(tmp.resolve("conf")), tmp.resolve("var"));
        LogCapture audit = LogCapture.of(MailAudit.LOGGER_NAME);

        String queueId = send("carol@remote.example", List.of("bob@remote.example", "gone@remote.example"));

        List<ReceivedMessage> received = peers.sink().awaitMessages(2, Duration.ofSeconds(10));
        audit.close();
        assertThat(audit.grep(queueId)).anyMatch(l -> l.startsWith(queueId + ": to=<gone@remote.example>")
                && l.contains("status=bounced (550 5.1.1"));
        String reportId = audit.grep(queueId + ": failure report (bounce) ").stream().findFirst()
                .map(l -> l.split(" ")[4]).orElseThrow(() -> new AssertionError("no report in " + audit.grep(queueId)));
        assertThat(audit.grep(reportId + ": queued into the spool")).singleElement().asString()
                .contains("parent=" + queueId);
        ReceivedMessage delivered = received.stream().filter(m -> !m.mailFrom().isEmpty()).findFirst().orElseThrow();
        ReceivedMessage report = received.stream().filter(m -> m.mailFrom().isEmpty()).findFirst().orElseThrow();
        assertThat(delivered.rcptTo()).containsExactly("bob@remote.example");
        assertThat(report.rcptTo()).containsExactly("carol@remote.example");
        String text = report.dataAsString();
        assertThat(text).contains("report-type=delivery-status")
                .contains("Final-Recipient: rfc822; gone@remote.example")
                .contains("Action: failed")
                .contains("Status: 5.1.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <gone@remote.example>: no such mailbox")
                .contains("Reporting-MTA: dns; mailgate.test")
                .contains("Message-ID: <partial@remote.example>")
                .doesNotContain("Final-Recipient: rfc822; bob@remote.example");
        Await.until(Duration.ofSeconds(5), () -> peers.gateway().instance(org.mailgate.spool.SpoolStore.class).size() == 0
                && peers.gateway().instance(org.mailgate.spool.H2OutgoingQueues.class).size() == 0, () -> "queues empty");
        assertThat(peers.sink().messageCount()).as("one report, once").isEqualTo(2);
    }

    @Test
    void mailFromTheNullSenderIsNeverReported() throws Exception {
        peers.sink().rejectRecipient("gone@remote.example", 550, "5.1.1 no such mailbox");
        peers.start(peers.conf().deliveryParameters("").writeTo(tmp.resolve("conf")), tmp.resolve("var"));

        send("", List.of("gone@remote.example", "bob@remote.example"));

        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        Await.until(Duration.ofSeconds(5), () -> peers.gateway().instance(org.mailgate.spool.SpoolStore.class).size() == 0
                && peers.gateway().instance(org.mailgate.spool.H2OutgoingQueues.class).size() == 0, () -> "queues empty");
        assertThat(peers.sink().messageCount()).isOne();
    }

    @Test
    void aBounceProcessorGetsTheFailedRecipientsWithJamesAttributesAndOnSuccessACopyOfTheRest() throws Exception {
        peers.sink().rejectRecipient("gone@remote.example", 550, "5.1.1 no such mailbox");
        Path conf = peers.conf().deliveryParameters("""
                <bounceProcessor>bounces</bounceProcessor>
                <onSuccess>sent</onSuccess>""").processors("""
                <processor state="bounces">
                  <mailet match="RemoteDeliveryFailedWithSMTPCode=550" class="ToRepository">
                    <repositoryPath>file://var/mail/unknown-users/</repositoryPath>
                  </mailet>
                  <mailet match="All" class="ToRepository">
                    <repositoryPath>file://var/mail/other-failures/</repositoryPath>
                  </mailet>
                </processor>
                <processor state="sent">
                  <mailet match="IsRemoteDeliveryPermanentError" class="Null"/>
                  <mailet match="All" class="ToRepository">
                    <repositoryPath>file://var/mail/sent/</repositoryPath>
                  </mailet>
                </processor>""").writeTo(tmp.resolve("conf"));
        peers.start(conf, tmp.resolve("var"));

        send("carol@remote.example", List.of("bob@remote.example", "gone@remote.example"));

        MailRepository unknown = repository("file://var/mail/unknown-users/");
        MailRepository sent = repository("file://var/mail/sent/");
        Await.until(Duration.ofSeconds(10), () -> unknown.size() == 1 && sent.size() == 1,
                () -> "the failed part and the delivered copy are stored");
        Mail failed = unknown.retrieve(unknown.keys(0, 1).get(0)).orElseThrow();
        assertThat(failed.getRecipients()).map(Object::toString).containsExactly("gone@remote.example");
        assertThat(failed.getAttribute(DeliveryErrorAttributes.IS_DELIVERY_PERMANENT_ERROR).orElseThrow()
                .getValue().value()).isEqualTo(true);
        assertThat(failed.getAttribute(DeliveryErrorAttributes.DELIVERY_ERROR).orElseThrow().getValue().value())
                .asString().contains("550 5.1.1 no such mailbox");
        Mail copy = sent.retrieve(sent.keys(0, 1).get(0)).orElseThrow();
        assertThat(copy.getRecipients()).map(Object::toString).containsExactly("bob@remote.example");
        assertThat(repository("file://var/mail/other-failures/").size()).isZero();
        assertThat(peers.sink().messageCount()).as("no report when a bounce processor is set").isOne();
    }
}

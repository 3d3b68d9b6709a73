package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.LogCapture;
import org.mailgate.testkit.smtp.SmtpDialogue;
import org.mailgate.testkit.smtp.SmtpReply;

/**
 * The audit trail of one message, end to end: {@code grep QUEUEID} over the {@code mailgate.audit} log
 * tells its story in order, through a split (one recipient stored locally, one delivered remotely after a
 * {@code 451}), as Postfix's log does.
 */
class AuditTrailEndToEndTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    LogCapture audit;

    @BeforeEach
    void capture() {
        audit = LogCapture.of(MailAudit.LOGGER_NAME);
    }

    @AfterEach
    void release() {
        audit.close();
    }

    List<String> grep(String text) {
        return audit.grep(text);
    }

    @Test
    void grepForTheQueueIdTellsTheStoryOfASplitMessageInOrder() throws Exception {
        peers.sink().failNextMessages(1, 451, "4.3.0 audit says try again later");
        peers.start(peers.conf().writeTo(tmp.resolve("conf")), tmp.resolve("var"));

        SmtpReply reply;
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            reply = smtp.sendMail("alice@example.org", List.of("bob@remote.example", "carol@local.example"),
                    "Subject: audit\r\n\r\nhello\r\n");
        }
        assertThat(reply.code()).isEqualTo(250);
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), () -> grep(queueId).stream().anyMatch(l -> l.contains("removed from outgoing")),
                () -> "the outgoing entry of " + queueId + " is removed; audit so far: " + grep(queueId));

        List<String> story = grep(queueId);
        assertThat(story).allMatch(line -> line.startsWith(queueId), "every line starts with the queue id");
        assertInOrder(story,
                line -> line.startsWith(queueId + ": received ") && line.contains("client=[127.0.0.1]")
                        && line.contains("helo=client.example") && line.contains("from=<alice@example.org>")
                        && line.contains("nrcpt=2"),
                line -> line.equals(queueId + ": processor=root, to=[<bob@remote.example>, <carol@local.example>]"),
                line -> line.startsWith(queueId + ": processor=transport"),
                line -> line.startsWith(queueId + ": split: copy " + queueId + "-1 takes to=[<carol@local.example>]"),
                line -> line.startsWith(queueId + "-1: stored in repository file://var/mail/inbound/"),
                line -> line.startsWith(queueId + ": queued for delivery") && line.contains("bob@remote.example"),
                line -> line.contains("to=<bob@remote.example>") && line.contains("status=deferred")
                        && line.contains("audit says try again later"),
                line -> line.contains("to=<bob@remote.example>") && line.contains("status=sent"),
                line -> line.equals(queueId + ": removed from outgoing queue outgoing"));
        assertThat(story).anyMatch(line -> line.equals(queueId + ": removed from the spool: processing committed"));
    }

    /** Each condition is met by a line after the line that met the condition before it. */
    @SafeVarargs
    static void assertInOrder(List<String> lines, Predicate<String>... steps) {
        int at = -1;
        for (int i = 0; i < steps.length; i++) {
            int from = at + 1;
            int found = -1;
            for (int j = from; j < lines.size(); j++) {
                if (steps[i].test(lines.get(j))) {
                    found = j;
                    break;
                }
            }
            assertThat(found).as("step %d of the story after line %d in:%n%s", i + 1, at,
                    String.join("\n", lines)).isNotNegative();
            at = found;
        }
    }
}

package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.spool.BulkOutgoing;
import org.mailgate.spool.Database;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.LogCapture;
import org.mailgate.testkit.smtp.ReceivedMessage;

/**
 * Postfix-grade control of the outgoing queue through the admin API of a running gateway: one entry
 * shown (JSON and raw), held across a restart and released, returned to its sender with an RFC 3464
 * report, moved to a quarantine repository; actions by filter as tasks, a 20k-entry queue cleared in
 * batches; the spool shown read-only.
 */
class QueueControlEndToEndTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    AdminClient start(TestConf conf) throws Exception {
        return AdminClient.start(peers, conf, tmp);
    }

    /** A gateway whose first attempt at each of the next {@code deferred} messages gets a 451, retried in an hour. */
    AdminClient startDeferring(int deferred) throws Exception {
        AdminClient admin = start(peers.conf().retries("1 hour", 5).deliveryParameters(""));
        peers.sink().failNextMessages(deferred, 451, "4.3.0 try later");
        return admin;
    }

    void send(String from, String to, String subject) throws Exception {
        AdminApiEndToEndTest.send(peers, from, to, subject);
    }

    /** Waits until the outgoing queue lists {@code count} deferred mails, their attempts over; returns them. */
    static JsonNode awaitDeferred(AdminClient admin, int count) {
        return Await.until(Duration.ofSeconds(10), () -> {
            JsonNode listed = admin.get("/mailQueues/outgoing/mails?lastError=try%20later").json();
            boolean idle = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                    .noneMatch(m -> m.get("underWay").asBoolean());
            return listed.size() == count && idle ? Optional.of(listed) : Optional.empty();
        }, () -> count + " deferred mails in the outgoing queue, not under way");
    }

    static String mail(JsonNode listed) {
        return "/mailQueues/outgoing/mails/" + listed.get("id").asLong();
    }

    @Test
    void oneQueuedMailIsShownAsJsonAndRaw() throws Exception {
        AdminClient admin = startDeferring(1);
        send("alice@local.example", "bob@remote.example", "shown");
        JsonNode listed = awaitDeferred(admin, 1).get(0);

        JsonNode shown = admin.get(mail(listed)).json();

        assertThat(shown.get("id").asLong()).isEqualTo(listed.get("id").asLong());
        assertThat(shown.get("queueId").asText()).isNotEmpty();
        assertThat(shown.get("name").asText()).isEqualTo(listed.get("name").asText());
        assertThat(shown.get("sender").asText()).isEqualTo("alice@local.example");
        assertThat(shown.get("recipients")).extracting(JsonNode::asText).containsExactly("bob@remote.example");
        assertThat(shown.get("failedAttempts").asInt()).isOne();
        assertThat(shown.get("lastError").asText()).contains("451 4.3.0 try later");
        assertThat(Instant.parse(shown.get("nextDelivery").asText())).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(Instant.parse(shown.get("created").asText())).isBefore(Instant.now());
        assertThat(Duration.parse(shown.get("age").asText())).isLessThan(Duration.ofMinutes(1));
        assertThat(shown.get("held").asBoolean()).isFalse();
        assertThat(shown.get("underWay").asBoolean()).isFalse();
        assertThat(shown.get("size").asLong()).isPositive();
        AdminClient.Answer raw = admin.get(mail(listed), "message/rfc822");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.contentType()).isEqualTo("message/rfc822");
        assertThat(raw.body()).contains("Subject: shown\r\n").contains("hello");
        assertThat(raw.body().length()).isEqualTo(shown.get("size").asInt());

        AdminApiEndToEndTest.assertNotFound(admin.get("/mailQueues/outgoing/mails/999999"));
        AdminApiEndToEndTest.assertNotFound(admin.get("/mailQueues/nosuchqueue/mails/1"));
        AdminApiEndToEndTest.assertBadRequest(admin.get("/mailQueues/outgoing/mails/abc"), "id");
        AdminApiEndToEndTest.assertBadRequest(admin.patch(mail(listed) + "?action=explode", ""), "action");
        AdminApiEndToEndTest.assertBadRequest(admin.patch(mail(listed) + "?action=move", ""), "repository");
        AdminApiEndToEndTest.assertBadRequest(admin.patch(mail(listed) + "?action=hold&repository=file://x/", ""),
                "repository");
        AdminApiEndToEndTest.assertBadRequest(admin.patch(mail(listed) + "?action=move&repository=nourl", ""),
                "repository");
    }

    @Test
    void aHeldMailIsNeverAttemptedNotEvenAfterARestartUntilReleased() throws Exception {
        AdminClient admin = startDeferring(1);
        send("alice@local.example", "bob@remote.example", "held");
        JsonNode listed = awaitDeferred(admin, 1).get(0);
        LogCapture audit = LogCapture.of(MailAudit.LOGGER_NAME);

        assertThat(admin.patch(mail(listed) + "?action=hold", "").status()).isEqualTo(204);

        assertThat(admin.patch(mail(listed) + "?action=hold", "").status()).as("already held").isEqualTo(409);
        assertThat(admin.patch("/mailQueues/outgoing?delayed=true", "{\"delayed\": false}").status()).isEqualTo(204);
        JsonNode held = admin.get(mail(listed)).json();
        assertThat(held.get("held").asBoolean()).isTrue();
        assertThat(held.get("nextDelivery").isNull()).isTrue();
        assertThat(admin.get("/mailQueues/outgoing/mails?held=true").json()).hasSize(1);
        assertThat(admin.get("/mailQueues/outgoing/mails?delayed=true").json()).as("held is not delayed").isEmpty();
        admin = start(peers.conf().retries("1 hour", 5).deliveryParameters(""));
        send("alice@local.example", "carol@remote.example", "after the restart");
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo())
                .as("the due scan at start went past the held mail").containsExactly("carol@remote.example");
        assertThat(admin.get(mail(listed)).json().get("failedAttempts").asInt()).as("not attempted").isOne();
        assertThat(peers.sink().messageCount()).isOne();

        assertThat(admin.patch(mail(listed) + "?action=release", "").status()).isEqualTo(204);

        Await.until(Duration.ofSeconds(10), () -> peers.sink().messageCount() == 2, () -> "the released mail delivered");
        assertThat(peers.sink().messages().get(1).rcptTo()).containsExactly("bob@remote.example");
        audit.close();
        String queueId = listed.get("queueId").asText();
        assertThat(audit.grep("held by the operator")).singleElement().asString().startsWith(queueId);
        assertThat(audit.grep("released by the operator")).singleElement().asString().startsWith(queueId);
    }

    @Test
    void aBounceReturnsTheMailToItsSenderWithAStandardReport() throws Exception {
        AdminClient admin = startDeferring(1);
        send("carol@remote.example", "bob@remote.example", "returned");
        JsonNode listed = awaitDeferred(admin, 1).get(0);

        assertThat(admin.patch(mail(listed) + "?action=bounce", "").status()).isEqualTo(204);

        ReceivedMessage report = peers.sink().awaitMessage(Duration.ofSeconds(10));
        assertThat(report.mailFrom()).isEmpty();
        assertThat(report.rcptTo()).containsExactly("carol@remote.example");
        assertThat(report.dataAsString()).contains("report-type=delivery-status")
                .contains("Final-Recipient: rfc822; bob@remote.example")
                .contains("Action: failed")
                .contains("Status: 5.0.0")
                .contains("returned to sender by the administrator")
                .contains("Subject: returned");
        Await.until(Duration.ofSeconds(10), () -> admin.get("/mailQueues/outgoing").json().get("size").asLong() == 0
                && admin.get("/mailQueues/spool").json().get("size").asLong() == 0, () -> "the queues empty");
        assertThat(peers.sink().messageCount()).as("no attempt, only the report").isOne();
    }

    @Test
    void aMoveQuarantinesTheMailInARepository() throws Exception {
        AdminClient admin = startDeferring(1);
        send("alice@local.example", "bob@remote.example", "quarantined");
        JsonNode listed = awaitDeferred(admin, 1).get(0);

        assertThat(admin.patch(mail(listed) + "?action=move&repository=file://var/mail/quarantine/", "").status())
                .isEqualTo(204);

        assertThat(admin.get("/mailQueues/outgoing").json().get("size").asLong()).isZero();
        String quarantine = "/mailRepositories/" + URLEncoder.encode("var/mail/quarantine/", StandardCharsets.UTF_8);
        JsonNode keys = admin.get(quarantine + "/mails").json();
        assertThat(keys).extracting(JsonNode::asText).containsExactly(listed.get("name").asText());
        JsonNode stored = admin.get(quarantine + "/mails/" + URLEncoder.encode(keys.get(0).asText(),
                StandardCharsets.UTF_8)).json();
        assertThat(stored.get("recipients")).extracting(JsonNode::asText).containsExactly("bob@remote.example");
        assertThat(stored.get("error").asText()).contains("try later");
        AdminApiEndToEndTest.assertNotFound(admin.delete(mail(listed)));
    }

    @Test
    void actionsByFilterRunAsTasksOnTheMatchingMailsOnly() throws Exception {
        AdminClient admin = startDeferring(3);
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "carol@remote.example", "two");
        send("dave@local.example", "erin@remote.example", "three");
        awaitDeferred(admin, 3);

        AdminClient.Answer submitted = admin.patch("/mailQueues/outgoing/mails?action=hold&sender=alice@local.example"
                + "&domain=REMOTE.example&lastError=TRY", "");

        assertThat(submitted.status()).isEqualTo(201);
        JsonNode task = admin.awaitTask(submitted);
        assertThat(task.get("type").asText()).isEqualTo("hold-mails-in-mail-queue");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("startedDate").asText()).isNotEmpty();
        assertThat(task.get("completedDate").asText()).isNotEmpty();
        assertThat(task.get("additionalInformation").get("processedCount").asLong()).isEqualTo(2);
        assertThat(admin.get("/mailQueues/outgoing/mails?held=true").json()).extracting(m -> m.get("sender").asText())
                .containsExactly("alice@local.example", "alice@local.example");
        assertThat(admin.get("/tasks?status=completed").json()).extracting(t -> t.get("taskId").asText())
                .contains(task.get("taskId").asText());
        assertThat(admin.get("/tasks?status=waiting").json()).isEmpty();
        JsonNode moved = admin.awaitTask(admin.patch("/mailQueues/outgoing/mails?action=move"
                + "&repository=file://var/mail/quarantine/&held=true&recipient=carol@remote.example", ""));
        assertThat(moved.get("additionalInformation").get("processedCount").asLong()).isOne();
        JsonNode released = admin.awaitTask(admin.patch("/mailQueues/outgoing/mails?action=release", ""));
        assertThat(released.get("additionalInformation").get("processedCount").asLong()).isOne();
        assertThat(released.get("additionalInformation").get("skippedCount").asLong()).as("not held").isOne();
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");

        AdminApiEndToEndTest.assertBadRequest(admin.get("/tasks?status=sleeping"), "status");
        AdminApiEndToEndTest.assertNotFound(admin.get("/tasks/nosuchtask"));
        AdminApiEndToEndTest.assertNotFound(admin.delete("/tasks/nosuchtask"));
        AdminApiEndToEndTest.assertBadRequest(admin.get("/tasks/" + task.get("taskId").asText() + "/await?timeout=x"),
                "timeout");
        AdminApiEndToEndTest.assertBadRequest(admin.patch("/mailQueues/outgoing/mails?action=flush", ""), "action");
        AdminApiEndToEndTest.assertBadRequest(admin.patch("/mailQueues/outgoing/mails", ""), "action");
    }

    @Test
    void theNullSenderOfBouncesCanBeFilteredOn() throws Exception {
        AdminClient admin = startDeferring(2);
        send("", "bob@remote.example", "a bounce");
        send("alice@local.example", "carol@remote.example", "a mail");
        awaitDeferred(admin, 2);

        assertThat(admin.get("/mailQueues/outgoing/mails?sender=%3C%3E").json())
                .extracting(m -> m.get("recipients").get(0).asText()).containsExactly("bob@remote.example");
        assertThat(admin.get("/mailQueues/outgoing/mails?sender=").json())
                .extracting(m -> m.get("recipients").get(0).asText()).containsExactly("bob@remote.example");
        JsonNode deleted = admin.awaitTask(admin.delete("/mailQueues/outgoing/mails?sender=%3C%3E"));
        assertThat(deleted.get("additionalInformation").get("processedCount").asLong()).isOne();
        assertThat(admin.get("/mailQueues/outgoing/mails").json())
                .extracting(m -> m.get("sender").asText()).containsExactly("alice@local.example");
    }

    @Test
    void aFlushCanBeForOneDestinationDomainOrOneMail() throws Exception {
        AdminClient admin = startDeferring(2);
        peers.dns().mx("other.example", 10, "mx.remote.example");
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "carol@other.example", "two");
        JsonNode deferred = awaitDeferred(admin, 2);

        assertThat(admin.patch("/mailQueues/outgoing?delayed=true&domain=other.example", "{\"delayed\": false}")
                .status()).isEqualTo(204);

        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("carol@other.example");
        JsonNode left = Await.until(Duration.ofSeconds(10), () -> {
            JsonNode listed = admin.get("/mailQueues/outgoing/mails").json();
            return listed.size() == 1 ? Optional.of(listed.get(0)) : Optional.empty();
        }, () -> "one mail left");
        assertThat(left.get("recipients").get(0).asText()).isEqualTo("bob@remote.example");
        assertThat(deferred).extracting(m -> m.get("id").asLong()).contains(left.get("id").asLong());
        assertThat(admin.patch(mail(left) + "?action=flush", "").status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(10), () -> peers.sink().messageCount() == 2, () -> "the flushed mail delivered");
    }

    @Test
    void theSpoolIsListedAndShownButNotChanged() throws Exception {
        AdminClient admin = start(peers.conf().rootMailets("""
                <mailet match="All" class="org.mailgate.app.HoldUntilFileExists">
                  <file>%s</file>
                  <onMailetException>propagate</onMailetException>
                </mailet>""".formatted(tmp.resolve("go"))));
        send("alice@local.example", "bob@remote.example", "being processed");

        JsonNode spooled = Await.until(Duration.ofSeconds(10), () -> {
            JsonNode listed = admin.get("/mailQueues/spool/mails").json();
            return listed.size() == 1 ? Optional.of(listed.get(0)) : Optional.empty();
        }, () -> "the mail in the spool");

        assertThat(admin.get("/mailQueues").json()).extracting(JsonNode::asText).contains("spool");
        assertThat(admin.get("/mailQueues/spool").json().get("size").asLong()).isOne();
        assertThat(spooled.get("processor").asText()).isNotEmpty();
        String entry = "/mailQueues/spool/mails/" + spooled.get("id").asLong();
        assertThat(admin.get(entry).json().get("sender").asText()).isEqualTo("alice@local.example");
        assertThat(admin.get(entry, "message/rfc822").body()).contains("Subject: being processed");
        AdminApiEndToEndTest.assertBadRequest(admin.delete("/mailQueues/spool/mails"), "spool");
        AdminApiEndToEndTest.assertBadRequest(admin.delete(entry), "spool");
        AdminApiEndToEndTest.assertBadRequest(admin.patch(entry + "?action=hold", ""), "spool");
        AdminApiEndToEndTest.assertBadRequest(admin.patch("/mailQueues/spool?delayed=true", "{\"delayed\": false}"),
                "spool");
    }

    @Test
    void aLargeQueueIsClearedAsATaskInBatchesWithProgress() throws Exception {
        AdminClient admin = startDeferring(1);
        send("alice@local.example", "bob@remote.example", "many");
        long first = awaitDeferred(admin, 1).get(0).get("id").asLong();
        BulkOutgoing.copy(peers.gateway().instance(Database.class), first, 19_999);
        assertThat(admin.get("/mailQueues/outgoing").json().get("size").asLong()).isEqualTo(20_000);

        AdminClient.Answer submitted = admin.delete("/mailQueues/outgoing/mails?domain=remote.example");

        String task = submitted.location().orElseThrow();
        List<Long> seen = new ArrayList<>();
        JsonNode done = Await.until(Duration.ofSeconds(120), () -> {
            JsonNode now = admin.get(task).json();
            JsonNode processed = now.get("additionalInformation").get("processedCount");
            if (processed != null) {
                seen.add(processed.asLong());
            }
            return now.get("status").asText().equals("completed") ? Optional.of(now) : Optional.empty();
        }, () -> "the task done; seen " + seen);
        JsonNode information = done.get("additionalInformation");
        assertThat(information.get("initialCount").asLong()).isEqualTo(20_000);
        assertThat(information.get("processedCount").asLong()).isEqualTo(20_000);
        assertThat(information.get("skippedCount").asLong()).isZero();
        assertThat(information.get("remainingCount").asLong()).isZero();
        assertThat(seen).as("progress by batches of 500").isSorted().allMatch(n -> n % 500 == 0);
        assertThat(admin.get("/mailQueues/outgoing").json().get("size").asLong()).isZero();
    }
}

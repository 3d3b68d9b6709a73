package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * The admin API of a running gateway, over loopback HTTP: James's WebAdmin paths and JSON, a token on
 * every request, 400 for bad input and 404 for what does not exist; queue and repository actions that
 * move real mail (a flushed deferred message is delivered, a reprocessed one too).
 */
class AdminApiEndToEndTest {

    static final String TOKEN = AdminClient.TOKEN;
    static final String INBOUND = "/mailRepositories/" + URLEncoder.encode("var/mail/inbound/", StandardCharsets.UTF_8);
    static final String ERROR = "/mailRepositories/" + URLEncoder.encode("var/mail/error/", StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();

    AdminClient start(TestConf conf) throws Exception {
        return AdminClient.start(peers, conf, tmp);
    }

    AdminClient client(Optional<String> token) {
        return new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), token);
    }

    void send(String from, String to, String subject) throws Exception {
        send(peers, from, to, subject);
    }

    /** Sends one message to the gateway of {@code peers} over SMTP, which must accept it. */
    static void send(Peers peers, String from, String to, String subject) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail(from, List.of(to), "Subject: " + subject + "\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
    }

    /** Waits until the answer to GET {@code path} is a JSON array of {@code size} elements. */
    JsonNode awaitList(AdminClient admin, String path, int size) {
        return Await.until(Duration.ofSeconds(10), () -> {
            AdminClient.Answer answer = admin.get(path);
            return answer.status() == 200 && answer.json().size() == size ? Optional.of(answer.json()) : Optional.empty();
        }, () -> size + " entries in " + path);
    }

    @Test
    void everyRequestWithoutTheTokenIsRefusedWithAJsonError() throws Exception {
        start(peers.conf());

        for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of("wrong-token-0123456789"))) {
            AdminClient.Answer answer = client(token).get("/mailQueues");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.json().get("statusCode").asInt()).isEqualTo(401);
            assertThat(answer.json().get("type").asText()).isEqualTo("Unauthorized");
            assertThat(answer.json().get("message").asText()).contains("Bearer");
        }
        assertThat(client(Optional.empty()).get("/healthcheck").status()).isEqualTo(401);
        assertThat(client(Optional.empty()).get("/no/such/thing").status()).as("before routing").isEqualTo(401);
    }

    @Test
    void aGeneratedTokenInVarOpensTheApi() throws Exception {
        peers.start(peers.conf().writeTo(tmp.resolve("conf")), tmp.resolve("var"));
        String token = java.nio.file.Files.readString(tmp.resolve("var/webadmin.token")).strip();

        assertThat(client(Optional.of(token)).get("/mailQueues").status()).isEqualTo(200);
        assertThat(client(Optional.of(token + "x")).get("/mailQueues").status()).isEqualTo(401);
    }

    @Test
    void healthcheckReportsTheStoreAsJamesDoes() throws Exception {
        AdminClient admin = start(peers.conf());

        AdminClient.Answer answer = admin.get("/healthcheck");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("status").asText()).isEqualTo("healthy");
        assertThat(json.get("checks")).extracting(c -> c.get("componentName").asText())
                .containsExactly("H2 store", "spool writable", "outgoing queue not stuck");
        for (JsonNode check : json.get("checks")) {
            assertThat(check.get("status").asText()).isEqualTo("healthy");
            assertThat(check.get("cause").isNull()).isTrue();
        }
    }

    @Test
    void aMailDeferredBy451IsListedAndAFlushDeliversIt() throws Exception {
        AdminClient admin = start(peers.conf().retries("1 hour", 5));
        peers.sink().failNextMessages(1, 451, "4.3.0 try later");

        send("alice@local.example", "bob@remote.example", "deferred");

        JsonNode mails = Await.until(Duration.ofSeconds(10), () -> {
            JsonNode listed = admin.get("/mailQueues/outgoing/mails").json();
            return listed.size() == 1 && !listed.get(0).get("lastError").isNull() ? Optional.of(listed) : Optional.empty();
        }, () -> "the deferred mail in the outgoing queue");
        JsonNode mail = mails.get(0);
        assertThat(mail.get("name").asText()).isNotEmpty();
        assertThat(mail.get("sender").asText()).isEqualTo("alice@local.example");
        assertThat(mail.get("recipients")).extracting(JsonNode::asText).containsExactly("bob@remote.example");
        assertThat(java.time.Instant.parse(mail.get("nextDelivery").asText()))
                .isAfter(java.time.Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(mail.get("failedAttempts").asInt()).isOne();
        assertThat(mail.get("lastError").asText()).contains("451");
        assertThat(admin.get("/mailQueues").json()).extracting(JsonNode::asText).containsExactly("outgoing", "spool");
        JsonNode queue = admin.get("/mailQueues/outgoing").json();
        assertThat(queue.get("name").asText()).isEqualTo("outgoing");
        assertThat(queue.get("size").asLong()).isOne();

        AdminClient.Answer flushed = admin.patch("/mailQueues/outgoing?delayed=true", "{\"delayed\": false}");

        assertThat(flushed.status()).isEqualTo(204);
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        awaitList(admin, "/mailQueues/outgoing/mails", 0);
    }

    @Test
    void deletingByRecipientRemovesOnlyThoseMails() throws Exception {
        AdminClient admin = start(peers.conf().retries("1 hour", 5));
        peers.sink().failNextMessages(2, 451, "4.3.0 try later");
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "carol@remote.example", "two");
        QueueControlEndToEndTest.awaitDeferred(admin, 2);

        AdminClient.Answer answer = admin.delete("/mailQueues/outgoing/mails?recipient=carol@remote.example");

        assertThat(answer.status()).isEqualTo(201);
        String taskId = answer.json().get("taskId").asText();
        assertThat(answer.location()).contains("/tasks/" + taskId);
        JsonNode task = admin.awaitTask(answer);
        assertThat(task.get("taskId").asText()).isEqualTo(taskId);
        assertThat(task.get("type").asText()).isEqualTo("delete-mails-from-mail-queue");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        JsonNode information = task.get("additionalInformation");
        assertThat(information.get("mailQueueName").asText()).isEqualTo("outgoing");
        assertThat(information.get("filter").get("recipient").asText()).isEqualTo("carol@remote.example");
        assertThat(information.get("initialCount").asLong()).isOne();
        assertThat(information.get("processedCount").asLong()).isOne();
        assertThat(information.get("remainingCount").asLong()).isOne();
        assertThat(admin.get("/mailQueues/outgoing/mails?limit=10").json().get(0).get("recipients").get(0).asText())
                .isEqualTo("bob@remote.example");
        JsonNode all = admin.awaitTask(admin.delete("/mailQueues/outgoing/mails"));
        assertThat(all.get("type").asText()).isEqualTo("clear-mail-queue");
        assertThat(all.get("additionalInformation").get("processedCount").asLong()).isOne();
        assertThat(admin.get("/mailQueues/outgoing").json().get("size").asLong()).isZero();
        assertThat(admin.get("/tasks").json()).extracting(t -> t.get("taskId").asText()).contains(taskId);
    }

    @Test
    void badQueueRequestsGet400AndUnknownQueues404() throws Exception {
        AdminClient admin = start(peers.conf());

        assertBadRequest(admin.get("/mailQueues/outgoing/mails?limit=abc"), "limit");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?limit=0"), "limit");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?limit=10001"), "at most 10000");
        assertBadRequest(admin.delete("/mailQueues/outgoing/mails?recipeint=c@d.example"), "unknown parameter 'recipeint'");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?olderThan=soon"), "olderThan");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?olderThan=12"), "olderThan");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?olderThan=P999999999999D"), "olderThan");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?held=yes"), "held");
        assertBadRequest(admin.get("/mailQueues/outgoing/mails?domain=a@b.example"), "domain");
        assertBadRequest(admin.delete("/mailQueues/outgoing/mails?sender=not%20an%20address"), "sender");
        assertBadRequest(admin.patch("/mailQueues/outgoing?delayed=true", "{\"delayed\": true}"), "delayed");
        assertBadRequest(admin.patch("/mailQueues/outgoing?delayed=true", "not json"), "JSON");
        assertBadRequest(admin.patch("/mailQueues/outgoing", "{\"delayed\": false}"), "delayed=true");
        assertNotFound(admin.get("/mailQueues/nosuchqueue"));
        assertNotFound(admin.get("/mailQueues/nosuchqueue/mails"));
        assertNotFound(admin.delete("/mailQueues/nosuchqueue/mails"));
        assertNotFound(admin.patch("/mailQueues/nosuchqueue?delayed=true", "{\"delayed\": false}"));
        assertNotFound(admin.get("/nosuchendpoint"));
        assertThat(admin.send("POST", "/mailQueues", "", Optional.empty()).status()).isEqualTo(405);
    }

    @Test
    void repositoryMailsAreListedShownRawAndDeleted() throws Exception {
        AdminClient admin = start(peers.conf());
        send("alice@remote.example", "bob@local.example", "kept");
        send("alice@remote.example", "carol@local.example", "kept too");

        JsonNode keys = awaitList(admin, INBOUND + "/mails", 2);
        JsonNode repositories = admin.get("/mailRepositories").json();
        assertThat(repositories).anySatisfy(r -> {
            assertThat(r.get("repository").asText()).isEqualTo("var/mail/inbound/");
            assertThat(r.get("path").asText()).isEqualTo("var%2Fmail%2Finbound%2F");
        });
        assertThat(admin.get(INBOUND).json().get("size").asLong()).isEqualTo(2);
        assertThat(admin.get(INBOUND + "/mails?limit=1&offset=1").json()).containsExactly(keys.get(1));
        String key = URLEncoder.encode(keys.get(0).asText(), StandardCharsets.UTF_8);

        JsonNode mail = admin.get(INBOUND + "/mails/" + key).json();
        assertThat(mail.get("name").asText()).isEqualTo(keys.get(0).asText());
        assertThat(mail.get("sender").asText()).isEqualTo("alice@remote.example");
        assertThat(mail.get("recipients")).extracting(JsonNode::asText).containsExactly("bob@local.example");
        assertThat(mail.get("state").asText()).isNotEmpty();
        assertThat(mail.get("remoteAddr").asText()).isEqualTo("127.0.0.1");
        AdminClient.Answer raw = admin.get(INBOUND + "/mails/" + key, "message/rfc822");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.contentType()).isEqualTo("message/rfc822");
        assertThat(raw.body()).contains("Subject: kept\r\n").contains("hello");

        assertThat(admin.delete(INBOUND + "/mails/" + key).status()).isEqualTo(204);
        assertNotFound(admin.delete(INBOUND + "/mails/" + key));
        assertNotFound(admin.get(INBOUND + "/mails/" + key));
        JsonNode cleared = admin.awaitTask(admin.delete(INBOUND + "/mails"));
        assertThat(cleared.get("type").asText()).isEqualTo("clear-mail-repository");
        assertThat(cleared.get("additionalInformation").get("removedCount").asLong()).isOne();
        assertThat(cleared.get("additionalInformation").get("repositoryPath").asText()).isEqualTo("var/mail/inbound/");
        assertThat(admin.get(INBOUND + "/mails").json()).isEmpty();
    }

    @Test
    void reprocessingPutsRepositoryMailBackThroughThePipeline() throws Exception {
        AdminClient admin = start(peers.conf());
        peers.sink().rejectRecipient("bob@remote.example", 550, "5.1.1 no such mailbox");
        send("alice@local.example", "bob@remote.example", "failed once");
        String key = URLEncoder.encode(awaitList(admin, ERROR + "/mails", 1).get(0).asText(), StandardCharsets.UTF_8);
        peers.sink().clearScript();

        assertBadRequest(admin.patch(ERROR + "/mails/" + key + "?action=resend", ""), "action");
        assertBadRequest(admin.patch(ERROR + "/mails/" + key + "?action=reprocess&queue=elsewhere", ""), "queue");
        assertNotFound(admin.patch(ERROR + "/mails/nosuchkey?action=reprocess", ""));
        AdminClient.Answer answer = admin.patch(ERROR + "/mails/" + key + "?action=reprocess&processor=transport", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("reprocessedCount").asLong()).isOne();
        assertThat(peers.sink().awaitMessage(Duration.ofSeconds(10)).rcptTo()).containsExactly("bob@remote.example");
        assertThat(admin.get(ERROR + "/mails").json()).isEmpty();
    }

    @Test
    void reprocessingAllOfARepository() throws Exception {
        AdminClient admin = start(peers.conf());
        peers.sink().rejectRecipient("bob@remote.example", 550, "5.1.1 no such mailbox");
        send("alice@local.example", "bob@remote.example", "one");
        send("alice@local.example", "bob@remote.example", "two");
        awaitList(admin, ERROR + "/mails", 2);
        peers.sink().clearScript();

        AdminClient.Answer answer = admin.patch(ERROR + "/mails?action=reprocess&queue=spool&processor=transport", "");

        JsonNode task = admin.awaitTask(answer);
        assertThat(task.get("type").asText()).isEqualTo("reprocessing-all");
        assertThat(task.get("additionalInformation").get("reprocessedCount").asLong()).isEqualTo(2);
        assertThat(task.get("additionalInformation").get("targetProcessor").asText()).isEqualTo("transport");
        assertThat(peers.sink().awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);
    }

    @Test
    void unknownRepositoriesAndBadPagingAreRefused() throws Exception {
        AdminClient admin = start(peers.conf());

        assertThat(admin.get(ERROR + "/mails").json()).as("configured, so listed while empty").isEmpty();
        assertThat(admin.get("/mailRepositories").json()).extracting(r -> r.get("repository").asText())
                .containsExactly("var/mail/error/", "var/mail/inbound/");
        assertNotFound(admin.get("/mailRepositories/" + URLEncoder.encode("var/mail/nothing/", StandardCharsets.UTF_8) + "/mails"));
        assertNotFound(admin.get("/mailRepositories/" + URLEncoder.encode("file://var/mail/nothing/", StandardCharsets.UTF_8)));
        assertBadRequest(admin.get("/mailRepositories/" + URLEncoder.encode("://", StandardCharsets.UTF_8)), "URL");
        send("alice@remote.example", "bob@local.example", "kept");
        awaitList(admin, INBOUND + "/mails", 1);
        assertBadRequest(admin.get(INBOUND + "/mails?offset=-1"), "offset");
        assertBadRequest(admin.get(INBOUND + "/mails?limit=x"), "limit");
        assertBadRequest(admin.get(INBOUND + "/mails?limit=10001"), "at most 10000");
        assertThat(admin.get("/mailRepositories/" + URLEncoder.encode("file://var/mail/inbound/", StandardCharsets.UTF_8)
                + "/mails").json()).hasSize(1);
    }

    static void assertBadRequest(AdminClient.Answer answer, String messagePart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("statusCode").asInt()).isEqualTo(400);
        assertThat(answer.json().get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(answer.json().get("message").asText()).contains(messagePart);
    }

    static void assertNotFound(AdminClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(answer.json().get("type").asText()).isEqualTo("notFound");
    }
}

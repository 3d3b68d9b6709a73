package org.mailgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.Await;
import org.mailgate.testkit.smtp.SmtpDialogue;

/**
 * What monitoring sees of a running gateway: {@code GET /metrics} in the Prometheus text format, whose
 * gauges follow a message through the outgoing queue, and {@code GET /healthcheck}, which turns 503
 * when a due entry waits longer than {@code health.maxReadyAge}.
 */
class MonitoringEndToEndTest {

    static final String TOKEN = "test-token-0123456789";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    final MutableClock clock = new MutableClock();

    AdminClient start(String webAdmin) throws Exception {
        return start(peers.conf(), webAdmin);
    }

    AdminClient start(TestConf conf, String webAdmin) throws Exception {
        peers.start(conf.webAdmin("port=0\ntoken=" + TOKEN + "\n" + webAdmin).writeTo(tmp.resolve("conf")),
                tmp.resolve("var"), clock);
        return new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), Optional.of(TOKEN));
    }

    void send(String from, String to) throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.sendMail(from, List.of(to), "Subject: watched\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }
    }

    /** The value of the sample whose name and labels are exactly {@code sample}. */
    static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("sample %s in%n%s", sample, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsArePrometheusTextWithJvmAndStoreGaugesThatFollowAMessage() throws Exception {
        AdminClient admin = start("");
        peers.sink().holdMessagesTo("remote.example");

        AdminClient.Answer before = admin.get("/metrics");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.contentType()).startsWith("text/plain");
        assertThat(before.body()).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads",
                "system_cpu_count", "# TYPE mailgate_spool_size gauge");
        assertThat(value(before.body(), "mailgate_spool_size")).isZero();
        assertThat(value(before.body(), "mailgate_outgoing_queue_size{queue=\"outgoing\"}")).isZero();
        assertThat(value(before.body(), "mailgate_outgoing_queue_oldest_ready_age_seconds{queue=\"outgoing\"}")).isZero();
        assertThat(value(before.body(), "mailgate_repository_size{repository=\"file://var/mail/error/\"}")).isZero();
        assertThat(value(before.body(), "mailgate_smtp_messages_accepted_total")).isZero();
        assertThat(value(before.body(), "mailgate_smtp_replies_total{class=\"2xx\"}")).isZero();
        assertThat(value(before.body(), "mailgate_delivery_attempts_total{outcome=\"delivered\"}")).isZero();

        send("alice@local.example", "bob@remote.example");
        peers.sink().awaitHeld(1, Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(3));
        String during = admin.get("/metrics").body();
        assertThat(value(during, "mailgate_outgoing_queue_size{queue=\"outgoing\"}")).isEqualTo(1);
        assertThat(value(during, "mailgate_outgoing_queue_oldest_ready_age_seconds{queue=\"outgoing\"}"))
                .isGreaterThanOrEqualTo(180);
        assertThat(value(during, "mailgate_smtp_messages_accepted_total")).isEqualTo(1);
        assertThat(value(during, "mailgate_smtp_replies_total{class=\"2xx\"}"))
                .as("220, EHLO, MAIL, RCPT, the 250 after DATA").isGreaterThanOrEqualTo(5);
        assertThat(value(during, "mailgate_smtp_replies_total{class=\"3xx\"}")).as("354").isEqualTo(1);

        peers.sink().releaseHeldMessages();
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10),
                () -> value(admin.get("/metrics").body(), "mailgate_outgoing_queue_size{queue=\"outgoing\"}") == 0,
                () -> "the delivered message gone from the outgoing gauge");
        String after = admin.get("/metrics").body();
        assertThat(value(after, "mailgate_delivery_attempts_total{outcome=\"delivered\"}")).isEqualTo(1);
        assertThat(value(after, "mailgate_delivery_attempts_total{outcome=\"deferred\"}")).isZero();
    }

    @Test
    void repliesAndDeliveryAttemptsAreCountedByClassAndOutcome() throws Exception {
        AdminClient admin = start(peers.conf().retries("1 hour", 5), ""); // no retry before the counts are read
        peers.sink().failNextMessages(1, 451, "4.3.0 try later");
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            assertThat(smtp.command("BOGUS").code()).isEqualTo(500);
            assertThat(smtp.sendMail("alice@local.example", List.of("bob@remote.example"),
                    "Subject: deferred\r\n\r\nhello\r\n").code()).isEqualTo(250);
        }

        String metrics = Await.until(Duration.ofSeconds(10), () -> {
            String body = admin.get("/metrics").body();
            return value(body, "mailgate_delivery_attempts_total{outcome=\"deferred\"}") == 1
                    ? Optional.of(body) : Optional.empty();
        }, () -> "the 451 counted as a deferred recipient");
        assertThat(value(metrics, "mailgate_smtp_replies_total{class=\"5xx\"}")).isEqualTo(1);
        assertThat(value(metrics, "mailgate_smtp_messages_accepted_total")).isEqualTo(1);
        assertThat(value(metrics, "mailgate_delivery_attempts_total{outcome=\"delivered\"}")).isZero();
        assertThat(value(metrics, "mailgate_delivery_attempts_total{outcome=\"failed\"}")).isZero();
    }

    @Test
    void metricsNeedTheToken() throws Exception {
        start("");
        AdminClient anonymous = new AdminClient(peers.gateway().gateway.adminAddress().orElseThrow(), Optional.empty());

        AdminClient.Answer answer = anonymous.get("/metrics");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("jvm_");
    }

    @Test
    void anEntryDueLongerThanMaxReadyAgeMakesTheGatewayUnhealthyUntilItLeaves() throws Exception {
        AdminClient admin = start("health.maxReadyAge=15m\n");
        peers.sink().holdMessagesTo("remote.example");
        send("alice@local.example", "bob@remote.example");
        peers.sink().awaitHeld(1, Duration.ofSeconds(10));
        assertThat(admin.get("/healthcheck").status()).as("due for a moment only").isEqualTo(200);

        clock.advance(Duration.ofMinutes(20));
        AdminClient.Answer stuck = admin.get("/healthcheck");

        assertThat(stuck.status()).isEqualTo(503);
        assertThat(stuck.json().get("status").asText()).isEqualTo("unhealthy");
        JsonNode check = check(stuck.json(), "outgoing queue not stuck");
        assertThat(check.get("status").asText()).isEqualTo("unhealthy");
        assertThat(check.get("cause").asText()).startsWith("outgoing: oldest due entry waits for 12")
                .endsWith("(health.maxReadyAge is 900 s)");
        assertThat(check(stuck.json(), "spool writable").get("status").asText()).isEqualTo("healthy");

        peers.sink().releaseHeldMessages();
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), () -> admin.get("/healthcheck").status() == 200,
                () -> "healthy again once the entry was delivered");
    }

    @Test
    void aStoppedStoreIsNotWritable() throws Exception {
        AdminClient admin = start("");
        peers.gateway().gateway.instance(org.mailgate.spool.Database.class).stop();

        AdminClient.Answer answer = admin.get("/healthcheck");

        assertThat(answer.status()).isEqualTo(503);
        JsonNode check = check(answer.json(), "spool writable");
        assertThat(check.get("status").asText()).isEqualTo("unhealthy");
        assertThat(check.get("cause").asText()).isNotBlank();
    }

    static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("componentName").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}

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

    static final String TOKEN = AdminClient.TOKEN;
    static final String ATTEMPTS = "mailgate_delivery_attempts_total";
    static final String DELIVERED_OTHER = ATTEMPTS + "{destination=\"other\",outcome=\"delivered\"}";
    static final String DEFERRED_OTHER = ATTEMPTS + "{destination=\"other\",outcome=\"deferred\"}";

    @TempDir
    Path tmp;
    @RegisterExtension
    final Peers peers = new Peers();
    final MutableClock clock = new MutableClock();

    AdminClient start(String webAdmin) throws Exception {
        return start(peers.conf(), webAdmin);
    }

    AdminClient start(TestConf conf, String webAdmin) throws Exception {
        return AdminClient.start(peers, conf, webAdmin, tmp, clock);
    }

    void send(String from, String to) throws Exception {
        AdminApiEndToEndTest.send(peers, from, to, "watched");
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
        assertThat(value(before.body(), "mailgate_smtp_replies_total{class=\"2xx\",code=\"250\"}")).isZero();
        assertThat(value(before.body(), DELIVERED_OTHER)).isZero();

        send("alice@local.example", "bob@remote.example");
        peers.sink().awaitHeld(1, Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(3));
        String during = admin.get("/metrics").body();
        assertThat(value(during, "mailgate_outgoing_queue_size{queue=\"outgoing\"}")).isEqualTo(1);
        assertThat(value(during, "mailgate_outgoing_queue_oldest_ready_age_seconds{queue=\"outgoing\"}"))
                .isGreaterThanOrEqualTo(180);
        assertThat(value(during, "mailgate_smtp_messages_accepted_total")).isEqualTo(1);
        assertThat(value(during, "mailgate_smtp_replies_total{class=\"2xx\",code=\"250\"}"))
                .as("EHLO, MAIL, RCPT, the 250 after DATA").isEqualTo(4);
        assertThat(value(during, "mailgate_smtp_replies_total{class=\"3xx\",code=\"354\"}")).isEqualTo(1);

        peers.sink().releaseHeldMessages();
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10),
                () -> value(admin.get("/metrics").body(), "mailgate_outgoing_queue_size{queue=\"outgoing\"}") == 0,
                () -> "the delivered message gone from the outgoing gauge");
        String after = admin.get("/metrics").body();
        assertThat(value(after, DELIVERED_OTHER)).isEqualTo(1);
        assertThat(value(after, DEFERRED_OTHER)).isZero();
    }

    @Test
    void repliesAndDeliveryAttemptsAreCountedByClassAndOutcome() throws Exception {
        AdminClient admin = start(peers.conf().retries("1 hour", 5), ""); // no retry delivers it while we look
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
            return value(body, DEFERRED_OTHER) == 1 ? Optional.of(body) : Optional.empty();
        }, () -> "the 451 counted as a deferred recipient");
        assertThat(value(metrics, "mailgate_smtp_replies_total{class=\"5xx\",code=\"500\"}")).isEqualTo(1);
        assertThat(value(metrics, "mailgate_smtp_messages_accepted_total")).isEqualTo(1);
        assertThat(value(metrics, DELIVERED_OTHER)).isZero();
        assertThat(value(metrics, ATTEMPTS + "{destination=\"other\",outcome=\"failed\"}")).isZero();
    }

    /** The sum of the samples of {@code name} (with any labels) whose labels include every one of {@code labels}. */
    static double sum(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            List<String> present = List.of(m.group(1).split(","));
            if (present.containsAll(List.of(labels))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void connectionsRepliesStepsDestinationsBouncesAndDnsLookupsAreCounted() throws Exception {
        AdminClient admin = start(peers.conf().deliveryParameters("").smtpServerElements("""
                <handlerchain>
                  <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
                  <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
                </handlerchain>"""), "metrics.destinations=remote.example\n");
        try (SmtpDialogue smtp = SmtpDialogue.connect(peers.gateway().smtp())) {
            smtp.expect(220);
            smtp.ehlo("client.example");
            smtp.send("MAIL FROM:<alice@local.example>").expect(250);
            smtp.send("RCPT TO:<nobody@local.example>").expect(550);
            smtp.send("RCPT TO:<bob@remote.example>").expect(250);
            smtp.send("DATA").expect(354);
            smtp.sendData("Subject: one\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .code();
        }
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        peers.sink().failNextMessages(1, 550, "5.1.1 no such user");
        send("alice@local.example", "carol@remote.example");
        String transport = "processor=\"transport\"";
        String metrics = Await.until(Duration.ofSeconds(20), () -> {
            String body = admin.get("/metrics").body();
            return value(body, "mailgate_dsn_reports_total{action=\"failed\",source=\"delivery\"}") == 1
                    && sum(body, "mailgate_pipeline_mailet_duration_seconds_count", transport,
                            "mailet=\"ToRepository\"") == 1
                    && value(body, "mailgate_smtp_connections_open{server=\"smtpserver-1\"}") == 0
                    ? Optional.of(body) : Optional.empty();
        }, () -> "the bounce of the second message made and stored for alice by ToRepository, the sessions over");

        assertThat(value(metrics, "mailgate_smtp_connections_opened_total{server=\"smtpserver-1\"}")).isEqualTo(2);
        assertThat(value(metrics, "mailgate_smtp_connections_refused_total{reason=\"connection_limit\","
                + "server=\"smtpserver-1\"}")).isZero();
        assertThat(value(metrics, "mailgate_smtp_replies_total{class=\"5xx\",code=\"550\"}")).isEqualTo(1);
        assertThat(value(metrics, "mailgate_smtp_replies_total{class=\"2xx\",code=\"250\"}"))
                .as("per message: EHLO, MAIL, RCPT, the 250 after DATA").isEqualTo(8);
        assertThat(value(metrics, "mailgate_smtp_refusals_total{stage=\"rcpt\"}")).isEqualTo(1);
        assertThat(value(metrics, "mailgate_smtp_refusals_total{stage=\"data\"}")).isZero();
        assertThat(value(metrics, "mailgate_smtp_messages_accepted_total")).isEqualTo(2);

        String root = "processor=\"root\"";
        String remoteDelivery = "mailet=\"RemoteDelivery\"";
        assertThat(sum(metrics, "mailgate_pipeline_mailet_duration_seconds_count", root))
                .as("two messages and the bounce").isEqualTo(3);
        assertThat(sum(metrics, "mailgate_pipeline_matcher_duration_seconds_count", transport, "position=\"2\"",
                "matcher=\"HostIsLocal\"")).isEqualTo(3);
        assertThat(value(metrics, "mailgate_repository_size{repository=\"file://var/mail/inbound/\"}"))
                .as("the bounce, to alice@local.example").isEqualTo(1);
        assertThat(sum(metrics, "mailgate_pipeline_mailet_duration_seconds_count", transport, remoteDelivery))
                .isEqualTo(2);
        assertThat(sum(metrics, "mailgate_pipeline_mailet_duration_seconds_sum", transport, remoteDelivery))
                .isPositive();

        assertThat(value(metrics, ATTEMPTS + "{destination=\"remote.example\",outcome=\"delivered\"}")).isEqualTo(1);
        assertThat(value(metrics, ATTEMPTS + "{destination=\"remote.example\",outcome=\"failed\"}")).isEqualTo(1);
        assertThat(value(metrics, DELIVERED_OTHER)).isZero();
        assertThat(value(metrics, "mailgate_delivery_duration_seconds_count{destination=\"remote.example\"}"))
                .isEqualTo(2);
        assertThat(value(metrics, "mailgate_delivery_connections_total{kind=\"opened\"}")
                + value(metrics, "mailgate_delivery_connections_total{kind=\"reused\"}")).isEqualTo(2);
        assertThat(value(metrics, "mailgate_dns_lookups_total{result=\"ok\",type=\"mx\"}")).isEqualTo(2);
        assertThat(value(metrics, "mailgate_dns_cache_requests_total{result=\"miss\"}")).isPositive();
        assertThat(value(metrics, "mailgate_dns_cache_requests_total{result=\"hit\"}"))
                .as("the second message's MX, A and AAAA").isPositive();
    }

    @Test
    void aReloadKeepsTheSeriesOfUnchangedStepsAndRemovesThoseOfStepsThatAreGone() throws Exception {
        String stamp = """
                <mailet match="All" class="SetMimeHeader"><name>X-Stamp</name><value>one</value></mailet>""";
        AdminClient admin = start(peers.conf().rootMailets(stamp), "");
        send("alice@local.example", "bob@remote.example");
        peers.sink().awaitMessage(Duration.ofSeconds(10));
        String remoteDelivery = "mailgate_pipeline_mailet_duration_seconds_count{mailet=\"RemoteDelivery\","
                + "matcher=\"All\",position=\"3\",processor=\"transport\"}";
        String stampStep = "mailet=\"SetMimeHeader\",matcher=\"All\",position=\"1\",processor=\"root\"}";
        Await.until(Duration.ofSeconds(10), () -> value(admin.get("/metrics").body(), remoteDelivery) == 1,
                () -> "RemoteDelivery timed once");
        assertThat(value(admin.get("/metrics").body(), "mailgate_pipeline_mailet_duration_seconds_count{" + stampStep))
                .isEqualTo(1);

        peers.conf().webAdmin("port=0\ntoken=" + TOKEN + "\n").writeTo(tmp.resolve("conf"));
        assertThat(peers.gateway().gateway.reload().applied()).isTrue();

        String after = admin.get("/metrics").body();
        assertThat(after).doesNotContain(stampStep).doesNotContain("position=\"2\",processor=\"root\"");
        assertThat(value(after, remoteDelivery)).as("the same step in both pipelines keeps counting").isEqualTo(1);
        assertThat(value(after, "mailgate_pipeline_mailet_duration_seconds_count{mailet=\"ToProcessor\","
                + "matcher=\"All\",position=\"1\",processor=\"root\"}")).as("a step of the new pipeline only")
                .isZero();
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

package org.mailgate.admin.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailgate.api.metrics.MailMetrics.DeliveryOutcome;
import org.mailgate.api.metrics.MailMetrics.DnsResult;
import org.mailgate.api.metrics.MailMetrics.DnsType;
import org.mailgate.api.metrics.MailMetrics.ReportAction;
import org.mailgate.api.metrics.MailMetrics.ReportSource;
import org.mailgate.api.metrics.MailMetrics.SmtpStage;
import org.mailgate.api.metrics.SmtpServerMeters;
import org.mailgate.api.metrics.StepName;
import org.mailgate.api.metrics.StepTimer;

class MicrometerMailMetricsTest {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final MicrometerMailMetrics metrics = new MicrometerMailMetrics(registry, Set.of("Example.com"));

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void repliesAreCountedByExactCodeAndRefusalsByStage() {
        metrics.smtpReply(SmtpStage.OTHER, 220);
        metrics.smtpReply(SmtpStage.RCPT, 250);
        metrics.smtpReply(SmtpStage.RCPT, 550);
        metrics.smtpReply(SmtpStage.DATA, 554);
        metrics.smtpReply(SmtpStage.OTHER, 500);
        metrics.smtpReply(SmtpStage.MAIL, 553);

        assertThat(counter("mailgate.smtp.replies", "class", "2xx", "code", "250")).isEqualTo(1);
        assertThat(counter("mailgate.smtp.replies", "class", "5xx", "code", "550")).isEqualTo(1);
        assertThat(counter("mailgate.smtp.replies", "class", "5xx", "code", "553")).as("made on first use")
                .isEqualTo(1);
        assertThat(counter("mailgate.smtp.replies", "class", "4xx", "code", "421")).as("made up front").isZero();
        assertThat(counter("mailgate.smtp.refusals", "stage", "rcpt")).isEqualTo(1);
        assertThat(counter("mailgate.smtp.refusals", "stage", "data")).isEqualTo(1);
        assertThat(counter("mailgate.smtp.refusals", "stage", "mail")).isEqualTo(1);
        assertThat(registry.find("mailgate.smtp.refusals").tag("stage", "other").counter()).isNull();
    }

    @Test
    void anSmtpServerHasItsConnectionsOpenedOpenAndRefused() {
        AtomicInteger open = new AtomicInteger(3);
        SmtpServerMeters server = metrics.smtpServer("mx", open::get);

        server.opened();
        server.opened();
        server.refused(SmtpServerMeters.Refusal.CONNECTION_LIMIT);
        System.gc();

        assertThat(counter("mailgate.smtp.connections.opened", "server", "mx")).isEqualTo(2);
        assertThat(counter("mailgate.smtp.connections.refused", "server", "mx", "reason", "connection_limit"))
                .isEqualTo(1);
        assertThat(counter("mailgate.smtp.connections.refused", "server", "mx", "reason", "early_talker")).isZero();
        assertThat(registry.get("mailgate.smtp.connections.open").tag("server", "mx").gauge().value())
                .as("read at scrape time, and kept although only the gauge holds the supplier").isEqualTo(3);
    }

    @Test
    void onlyListedDestinationsHaveSeriesOfTheirOwn() {
        metrics.delivery(DeliveryOutcome.DELIVERED, "example.com", 2);
        metrics.delivery(DeliveryOutcome.DELIVERED, "EXAMPLE.COM", 1);
        metrics.delivery(DeliveryOutcome.DEFERRED, "elsewhere.example", 4);
        metrics.delivery(DeliveryOutcome.FAILED, "example.com", 0);
        metrics.deliveryDuration("example.com", 2_000_000);
        metrics.deliveryDuration("gateway smtp.example:25", 1_000_000);

        assertThat(counter("mailgate.delivery.attempts", "outcome", "delivered", "destination", "example.com"))
                .isEqualTo(3);
        assertThat(counter("mailgate.delivery.attempts", "outcome", "deferred", "destination", "other")).isEqualTo(4);
        assertThat(registry.find("mailgate.delivery.attempts").tag("destination", "elsewhere.example").counter())
                .isNull();
        assertThat(registry.get("mailgate.delivery.duration").tag("destination", "example.com").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("mailgate.delivery.duration").tag("destination", "other").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("mailgate.delivery.attempts").counters()).as("3 outcomes x (example.com, other)")
                .hasSize(6);
    }

    @Test
    void connectionsReportsAndDnsAreCountedByTheirKinds() {
        metrics.clientConnection(false);
        metrics.clientConnection(true);
        metrics.clientConnection(true);
        metrics.report(ReportAction.FAILED, ReportSource.DELIVERY);
        metrics.report(ReportAction.DELAYED, ReportSource.MAILET);
        metrics.dnsLookup(DnsType.MX, DnsResult.OK);
        metrics.dnsLookup(DnsType.MX, DnsResult.NXDOMAIN);
        metrics.dnsCache(true);
        metrics.dnsCache(false);
        metrics.dnsCache(false);

        assertThat(counter("mailgate.delivery.connections", "kind", "opened")).isEqualTo(1);
        assertThat(counter("mailgate.delivery.connections", "kind", "reused")).isEqualTo(2);
        assertThat(counter("mailgate.dsn.reports", "action", "failed", "source", "delivery")).isEqualTo(1);
        assertThat(counter("mailgate.dsn.reports", "action", "delayed", "source", "mailet")).isEqualTo(1);
        assertThat(counter("mailgate.dsn.reports", "action", "relayed", "source", "delivery")).isZero();
        assertThat(counter("mailgate.dns.lookups", "type", "mx", "result", "ok")).isEqualTo(1);
        assertThat(counter("mailgate.dns.lookups", "type", "mx", "result", "nxdomain")).isEqualTo(1);
        assertThat(counter("mailgate.dns.lookups", "type", "ptr", "result", "servfail")).isZero();
        assertThat(counter("mailgate.dns.cache.requests", "result", "hit")).isEqualTo(1);
        assertThat(counter("mailgate.dns.cache.requests", "result", "miss")).isEqualTo(2);
    }

    @Test
    void aStepTimerStaysWhileAPipelineUsesItAndGoesWithTheLast() {
        StepName step = new StepName("transport", 3, "RemoteDelivery", "All");
        StepTimer old = metrics.mailetTimer(step);
        old.record(1_000);
        StepTimer reloaded = metrics.mailetTimer(step);
        reloaded.record(2_000);

        old.release();
        old.release();
        Timer timer = registry.get("mailgate.pipeline.mailet.duration").tags("processor", "transport", "position", "3",
                "mailet", "RemoteDelivery", "matcher", "All").timer();
        assertThat(timer.count()).as("one series for both pipelines, kept for the new one").isEqualTo(2);

        reloaded.release();
        assertThat(registry.find("mailgate.pipeline.mailet.duration").timers()).isEmpty();
        StepTimer again = metrics.mailetTimer(step);
        again.record(1_000);
        assertThat(registry.get("mailgate.pipeline.mailet.duration").timer().count()).as("a new series").isEqualTo(1);
    }

    @Test
    void matcherAndMailetTimersAreSeparateSeriesWithTheSameLabels() {
        StepName step = new StepName("root", 1, "ToProcessor", "RecipientIsLocal");
        metrics.matcherTimer(step).record(5_000);
        metrics.matcherTimer(step).record(5_000);
        metrics.mailetTimer(step).record(5_000);

        assertThat(registry.get("mailgate.pipeline.matcher.duration").tag("matcher", "RecipientIsLocal").timer()
                .count()).isEqualTo(2);
        assertThat(registry.scrape()).contains("mailgate_pipeline_mailet_duration_seconds_count{mailet=\"ToProcessor\","
                + "matcher=\"RecipientIsLocal\",position=\"1\",processor=\"root\"} 1");
    }
}

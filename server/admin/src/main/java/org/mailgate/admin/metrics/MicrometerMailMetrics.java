package org.mailgate.admin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.function.IntSupplier;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.SmtpServerMeters;
import org.mailgate.api.metrics.StepName;
import org.mailgate.api.metrics.StepTimer;

/**
 * {@link MailMetrics} as Micrometer meters, all registered up front (or, for an SMTP server or a pipeline
 * step, when it is built) so that counting is one increment.
 */
public final class MicrometerMailMetrics implements MailMetrics {

    private final SmtpMeters smtp;
    private final StepTimers steps;
    private final DeliveryMeters delivery;
    private final EnumCounters<ReportAction, ReportSource> reports;
    private final EnumCounters<DnsType, DnsResult> dnsLookups;
    private final Counter dnsCacheHits;
    private final Counter dnsCacheMisses;

    /** @param destinations the recipient domains whose deliveries get series of their own */
    public MicrometerMailMetrics(MeterRegistry registry, Set<String> destinations) {
        smtp = new SmtpMeters(registry);
        steps = new StepTimers(registry);
        delivery = new DeliveryMeters(registry, destinations);
        reports = new EnumCounters<>(registry, "mailgate.dsn.reports",
                "delivery status notifications made for senders (bounces, delay warnings, relayed reports)",
                "action", ReportAction.class, "source", ReportSource.class);
        dnsLookups = new EnumCounters<>(registry, "mailgate.dns.lookups", "DNS lookups, by record type and result",
                "type", DnsType.class, "result", DnsResult.class);
        dnsCacheHits = cache(registry, "hit");
        dnsCacheMisses = cache(registry, "miss");
    }

    private static Counter cache(MeterRegistry registry, String result) {
        return Counter.builder("mailgate.dns.cache.requests").tag("result", result)
                .description("names looked up in the DNS cache, found there (hit) or asked of a server (miss)")
                .register(registry);
    }

    @Override
    public void accepted() {
        smtp.accepted();
    }

    @Override
    public void smtpReply(SmtpStage stage, int code) {
        smtp.reply(stage, code);
    }

    @Override
    public SmtpServerMeters smtpServer(String name, IntSupplier openConnections) {
        return smtp.server(name, openConnections);
    }

    @Override
    public StepTimer matcherTimer(StepName step) {
        return steps.timer("mailgate.pipeline.matcher.duration", "time in the step's matcher, per mail", step);
    }

    @Override
    public StepTimer mailetTimer(StepName step) {
        return steps.timer("mailgate.pipeline.mailet.duration", "time in the step's mailet, per mail it ran on", step);
    }

    @Override
    public void delivery(DeliveryOutcome outcome, String destination, int recipients) {
        delivery.delivery(outcome, destination, recipients);
    }

    @Override
    public void deliveryDuration(String destination, long nanos) {
        delivery.duration(destination, nanos);
    }

    @Override
    public void clientConnection(boolean reused) {
        delivery.connection(reused);
    }

    @Override
    public void report(ReportAction action, ReportSource source) {
        reports.increment(action, source);
    }

    @Override
    public void dnsLookup(DnsType type, DnsResult result) {
        dnsLookups.increment(type, result);
    }

    @Override
    public void dnsCache(boolean hit) {
        (hit ? dnsCacheHits : dnsCacheMisses).increment();
    }
}

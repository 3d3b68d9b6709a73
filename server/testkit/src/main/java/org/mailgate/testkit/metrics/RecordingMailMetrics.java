package org.mailgate.testkit.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.SmtpServerMeters;
import org.mailgate.api.metrics.StepName;
import org.mailgate.api.metrics.StepTimer;

/**
 * {@link MailMetrics} that keeps counts by event name, such as {@code "dns MX ok"}, {@code "delivery
 * delivered example.com"} or {@code "mailet transport 2"}, for tests to read with {@link #count}. Timers
 * made and released are listed too.
 */
public final class RecordingMailMetrics implements MailMetrics {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<StepName> timersMade = new CopyOnWriteArrayList<>();
    private final List<StepName> timersReleased = new CopyOnWriteArrayList<>();
    private final Map<String, IntSupplier> openConnections = new ConcurrentHashMap<>();

    /** How often {@code event} was counted (a delivery counts its recipients). */
    public long count(String event) {
        AtomicLong count = counts.get(event);
        return count == null ? 0 : count.get();
    }

    /** Every event counted so far, with its count. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((event, count) -> copy.put(event, count.get()));
        return copy;
    }

    /** The connections of SMTP server {@code name} open now, as its gauge would read them. */
    public int openConnections(String name) {
        IntSupplier open = openConnections.get(name);
        if (open == null) {
            throw new IllegalStateException("no SMTP server " + name + " was started");
        }
        return open.getAsInt();
    }

    /** The steps whose timers were made (each step twice: matcher and mailet). */
    public List<StepName> timersMade() {
        return List.copyOf(timersMade);
    }

    /** The steps whose timers were released. */
    public List<StepName> timersReleased() {
        return List.copyOf(timersReleased);
    }

    private void add(String event, long amount) {
        counts.computeIfAbsent(event, e -> new AtomicLong()).addAndGet(amount);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void accepted() {
        add("accepted", 1);
    }

    @Override
    public void smtpReply(SmtpStage stage, int code) {
        add("reply " + code, 1);
        add("reply " + label(stage) + " " + code, 1);
    }

    @Override
    public SmtpServerMeters smtpServer(String name, IntSupplier open) {
        openConnections.put(name, open);
        return new SmtpServerMeters() {
            @Override
            public void opened() {
                add("opened " + name, 1);
            }

            @Override
            public void refused(Refusal reason) {
                add("refused " + name + " " + label(reason), 1);
            }
        };
    }

    @Override
    public StepTimer matcherTimer(StepName step) {
        return timer("matcher", step);
    }

    @Override
    public StepTimer mailetTimer(StepName step) {
        return timer("mailet", step);
    }

    private StepTimer timer(String kind, StepName step) {
        timersMade.add(step);
        String event = kind + " " + step.processor() + " " + step.position();
        return new StepTimer() {
            @Override
            public void record(long nanos) {
                add(event, 1);
            }

            @Override
            public void release() {
                timersReleased.add(step);
            }
        };
    }

    @Override
    public void delivery(DeliveryOutcome outcome, String destination, int recipients) {
        add("delivery " + label(outcome) + " " + destination, recipients);
    }

    @Override
    public void deliveryDuration(String destination, long nanos) {
        add("duration " + destination, 1);
    }

    @Override
    public void clientConnection(boolean reused) {
        add(reused ? "connection reused" : "connection opened", 1);
    }

    @Override
    public void report(ReportAction action, ReportSource source) {
        add("report " + label(action) + " " + label(source), 1);
    }

    @Override
    public void dnsLookup(DnsType type, DnsResult result) {
        add("dns " + type + " " + label(result), 1);
    }

    @Override
    public void dnsCache(boolean hit) {
        add(hit ? "dns cache hit" : "dns cache miss", 1);
    }
}

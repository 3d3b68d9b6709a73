package org.mailgate.admin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mailgate.api.metrics.MailMetrics.DeliveryOutcome;

/**
 * What remote delivery counts: recipients by outcome and destination, how long sending to a destination
 * took, and the SMTP connections it opened or reused. Destinations are recipient domains; to keep the
 * series bounded, only the domains listed in {@code metrics.destinations} (webadmin.properties) have their
 * own, every other domain counts as {@value #OTHER}. All meters are made up front.
 */
final class DeliveryMeters {

    static final String OTHER = "other";

    /** The meters of one destination label. */
    private record Destination(Counter[] outcomes, Timer duration) {
    }

    private final Map<String, Destination> listed = new HashMap<>();
    private final Destination other;
    private final Counter opened;
    private final Counter reused;

    DeliveryMeters(MeterRegistry registry, Set<String> destinations) {
        for (String domain : destinations) {
            String label = domain.toLowerCase(Locale.ROOT);
            listed.put(label, destination(registry, label));
        }
        other = destination(registry, OTHER);
        opened = connections(registry, "opened");
        reused = connections(registry, "reused");
    }

    private static Destination destination(MeterRegistry registry, String label) {
        Counter[] outcomes = new Counter[DeliveryOutcome.values().length];
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            outcomes[outcome.ordinal()] = Counter.builder("mailgate.delivery.attempts")
                    .tag("outcome", Labels.of(outcome)).tag("destination", label)
                    .description("recipients of delivery attempts, by what became of them and their domain")
                    .register(registry);
        }
        Timer duration = Timer.builder("mailgate.delivery.duration").tag("destination", label)
                .description("sending one message to the recipients of one domain: MX lookup, connection, "
                        + "SMTP transaction").register(registry);
        return new Destination(outcomes, duration);
    }

    private static Counter connections(MeterRegistry registry, String kind) {
        return Counter.builder("mailgate.delivery.connections").tag("kind", kind)
                .description("SMTP connections remote delivery opened, or reused for a further message")
                .register(registry);
    }

    private Destination of(String destination) {
        Destination found = listed.get(destination);
        if (found == null && !listed.isEmpty()) {
            found = listed.get(destination.toLowerCase(Locale.ROOT));
        }
        return found == null ? other : found;
    }

    void delivery(DeliveryOutcome outcome, String destination, int recipients) {
        if (recipients > 0) {
            of(destination).outcomes()[outcome.ordinal()].increment(recipients);
        }
    }

    void duration(String destination, long nanos) {
        of(destination).duration().record(nanos, TimeUnit.NANOSECONDS);
    }

    void connection(boolean wasReused) {
        (wasReused ? reused : opened).increment();
    }
}

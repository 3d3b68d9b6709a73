package org.mailgate.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.mailgate.api.metrics.MailMetrics;

/** {@link MailMetrics} as Micrometer counters, all registered up front so that counting is one increment. */
public final class MicrometerMailMetrics implements MailMetrics {

    private final Counter accepted;
    /** Replies by code class: index 2 for 2xx ... 5 for 5xx; 0, 1 unused. */
    private final Counter[] replies = new Counter[6];
    private final Counter[] deliveries = new Counter[DeliveryOutcome.values().length];

    public MicrometerMailMetrics(MeterRegistry registry) {
        accepted = Counter.builder("mailgate.smtp.messages.accepted")
                .description("messages accepted over SMTP (250 after DATA)").register(registry);
        for (int codeClass = 2; codeClass <= 5; codeClass++) {
            replies[codeClass] = Counter.builder("mailgate.smtp.replies").tag("class", codeClass + "xx")
                    .description("SMTP replies sent, by code class").register(registry);
        }
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            deliveries[outcome.ordinal()] = Counter.builder("mailgate.delivery.attempts")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("recipients of delivery attempts, by what became of them").register(registry);
        }
    }

    @Override
    public void accepted() {
        accepted.increment();
    }

    @Override
    public void smtpReply(int code) {
        int codeClass = code / 100;
        if (codeClass >= 2 && codeClass <= 5) {
            replies[codeClass].increment();
        }
    }

    @Override
    public void delivery(DeliveryOutcome outcome, int recipients) {
        if (recipients > 0) {
            deliveries[outcome.ordinal()].increment(recipients);
        }
    }
}

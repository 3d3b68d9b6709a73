package org.mailgate.delivery;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.MailMetrics.DeliveryOutcome;
import org.mailgate.api.metrics.MailMetrics.ReportAction;
import org.mailgate.api.metrics.MailMetrics.ReportSource;

/**
 * Counts what a recorded delivery attempt achieved: its recipients by outcome and domain, and the reports
 * it owes the sender (bounce, delay warning, relayed report).
 */
final class OutcomeMetrics {

    private final MailMetrics metrics;

    OutcomeMetrics(MailMetrics metrics) {
        this.metrics = metrics;
    }

    void recorded(AttemptOutcome outcome) {
        count(DeliveryOutcome.DELIVERED, outcome.delivered().recipients());
        count(DeliveryOutcome.DEFERRED, outcome.deferred());
        count(DeliveryOutcome.FAILED, outcome.failure().recipients());
        if (outcome.failure().report().isPresent()) {
            metrics.report(ReportAction.FAILED, ReportSource.DELIVERY);
        }
        if (outcome.delayReport().isPresent()) {
            metrics.report(ReportAction.DELAYED, ReportSource.DELIVERY);
        }
        if (outcome.delivered().report().isPresent()) {
            metrics.report(ReportAction.RELAYED, ReportSource.DELIVERY);
        }
    }

    /** One call per run of recipients in the same domain: usually one per outcome. */
    private void count(DeliveryOutcome outcome, List<MailAddress> recipients) {
        int run = 0;
        String domain = null;
        for (MailAddress recipient : recipients) {
            String next = recipient.getDomain().asString();
            if (!next.equals(domain)) {
                if (run > 0) {
                    metrics.delivery(outcome, domain, run);
                }
                domain = next;
                run = 0;
            }
            run++;
        }
        if (run > 0) {
            metrics.delivery(outcome, domain, run);
        }
    }
}

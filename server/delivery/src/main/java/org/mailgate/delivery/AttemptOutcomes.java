package org.mailgate.delivery;

import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.delivery.report.FailureAttributes;
import org.mailgate.delivery.report.SenderReports;

/**
 * Judges one delivery attempt: from what each recipient's server said to what the store records, by
 * the retry schedule, the age limit and the delay warning time, with the reports the sender is owed.
 */
final class AttemptOutcomes {

    /** Why the recipients of a mail an operator returned failed. */
    static final String RETURNED = "returned to sender by the administrator";

    private final SenderReports reports;
    private final Clock clock;

    AttemptOutcomes(SenderReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Turns recipient results into what the store records, applying the retry schedule and the age limit,
     * and warning the sender once when delivery has taken longer than the delay warning time.
     */
    AttemptOutcome of(OutgoingMail mail, DeliverySettings settings, List<RecipientResult> results) {
        List<MailAddress> deferred = new ArrayList<>();
        List<MailAddress> delivered = new ArrayList<>();
        List<SenderReports.RecipientProblem> failed = new ArrayList<>();
        List<SenderReports.RecipientProblem> waiting = new ArrayList<>();
        List<String> deferReasons = new ArrayList<>();
        RetrySchedule retries = settings.retries();
        Instant now = clock.instant();
        Duration age = Duration.between(mail.queuedAt(), now);
        Optional<Duration> delay = retries.delayAfter(mail.failedAttempts() + 1)
                .filter(d -> age.compareTo(retries.maxAge()) < 0);
        for (RecipientResult r : results) {
            switch (r.kind()) {
                case DELIVERED -> delivered.add(r.recipient());
                case PERMANENT -> failed.add(new SenderReports.RecipientProblem(r.recipient(), r.relay(), r.detail(), false));
                case TEMPORARY -> {
                    if (delay.isPresent()) {
                        deferred.add(r.recipient());
                        waiting.add(new SenderReports.RecipientProblem(r.recipient(), r.relay(), r.detail(), false));
                        deferReasons.add(r.recipient().asString() + ": " + r.detail());
                        MailAudit.log(mail.auditLabel(), "to=<{}>, relay={}, status=deferred ({}); retry in {}",
                                r.recipient().asString(), r.relay(), r.detail(), delay.get());
                    } else {
                        failed.add(new SenderReports.RecipientProblem(r.recipient(), r.relay(), r.detail(), true));
                        MailAudit.log(mail.auditLabel(), "to=<{}>, status=expired after {} attempts in {} ({})",
                                r.recipient().asString(), mail.failedAttempts() + 1, age, r.detail());
                    }
                }
            }
        }
        return new AttemptOutcome(deferred, delay.map(now::plus), String.join("; ", deferReasons),
                failure(mail, settings.failedProcessor(), failed),
                new AttemptOutcome.Success(delivered, settings.successProcessor().filter(p -> !delivered.isEmpty()),
                        relayedReport(mail, results)),
                delayWarning(mail, retries, age, waiting));
    }

    /**
     * An entry an operator asked to return to its sender: every recipient fails at once with
     * {@value #RETURNED} (status 5.0.0), reported as any failure is (to the queue's failure processor if it
     * has one, else in a standard report to the sender).
     */
    AttemptOutcome returned(OutgoingMail mail, Optional<DeliverySettings> settings) {
        MailAudit.log(mail.auditLabel(), "returned to sender by the operator: to={}", mail.recipients());
        List<SenderReports.RecipientProblem> failed = mail.recipients().stream()
                .map(r -> new SenderReports.RecipientProblem(r, "none", RETURNED, false)).toList();
        return new AttemptOutcome(List.of(), Optional.empty(), "",
                failure(mail, settings.flatMap(DeliverySettings::failedProcessor), failed), AttemptOutcome.Success.NONE,
                Optional.empty());
    }

    /**
     * The "relayed" report for recipients handed to a server without DSN whose NOTIFY asked for news of
     * success (RFC 3461 5.2.2 b).
     */
    private Optional<org.apache.mailet.Mail> relayedReport(OutgoingMail mail, List<RecipientResult> results) {
        List<SenderReports.Relayed> relayed = results.stream()
                .filter(r -> r.kind() == RecipientResult.Kind.DELIVERED && !r.dsnPassedOn())
                .map(r -> new SenderReports.Relayed(r.recipient(), r.relay(), r.detail())).toList();
        try {
            return reports.relayed(mail, relayed);
        } catch (MessagingException e) {
            throw new IllegalStateException(mail.queueId() + ": cannot build the relayed report: " + e.getMessage(), e);
        }
    }

    /** The delay warning, once per message, when the deferred recipients have waited long enough. */
    private Optional<org.apache.mailet.Mail> delayWarning(OutgoingMail mail, RetrySchedule retries, Duration age,
                                                          List<SenderReports.RecipientProblem> waiting) {
        if (mail.delayWarned() || waiting.isEmpty()
                || retries.delayWarning().filter(w -> age.compareTo(w) >= 0).isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<org.apache.mailet.Mail> warning = reports.delayed(mail, waiting, mail.queuedAt().plus(retries.maxAge()));
            warning.ifPresent(w -> MailAudit.log(mail.auditLabel(), "delayed for {}; warning sent to <{}>", age,
                    mail.sender().asString("")));
            return warning;
        } catch (MessagingException e) {
            throw new IllegalStateException(mail.queueId() + ": cannot build the delay warning: " + e.getMessage(), e);
        }
    }

    /**
     * Recipients given up on go to {@code bounceProcessor} with James's attributes, or, without one, are
     * reported to the sender in a standard report.
     */
    private AttemptOutcome.Failure failure(OutgoingMail mail, Optional<String> failedProcessor,
                                           List<SenderReports.RecipientProblem> failed) {
        if (failed.isEmpty()) {
            return AttemptOutcome.Failure.NONE;
        }
        List<MailAddress> recipients = failed.stream().map(SenderReports.RecipientProblem::recipient).toList();
        String reason = String.join("; ", failed.stream().map(f -> f.recipient().asString() + ": "
                + (f.expired() ? "gave up after " + (mail.failedAttempts() + 1) + " attempts; last error: " : "")
                + f.detail()).toList());
        if (failedProcessor.isPresent()) {
            MailAudit.log(mail.auditLabel(), "undeliverable to {}; sent to processor {}", recipients,
                    failedProcessor.get());
            return new AttemptOutcome.Failure(recipients, reason, failedProcessor,
                    FailureAttributes.of(failed), Optional.empty());
        }
        try {
            Optional<org.apache.mailet.Mail> report = reports.failed(mail, failed);
            if (report.isPresent()) {
                MailAudit.log(mail.auditLabel(), "bounced: undeliverable to {}; report to <{}>", recipients,
                        mail.sender().asString(""));
            } else {
                MailAudit.log(mail.auditLabel(), "bounced: undeliverable to {}; no report (null sender, or NOTIFY asked "
                        + "for none)", recipients);
            }
            return new AttemptOutcome.Failure(recipients, reason, Optional.empty(), List.of(), report);
        } catch (MessagingException e) {
            throw new IllegalStateException(mail.queueId() + ": cannot build the failure report: " + e.getMessage(), e);
        }
    }
}

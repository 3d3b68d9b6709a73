package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;

/**
 * What one delivery attempt achieved, recorded by the store in one transaction.
 *
 * @param deferred    recipients to try again at {@code retryAt}, with the reason in {@code deferReason}
 * @param failure     recipients given up on, and what becomes of them
 * @param delivered   recipients the next hop accepted, and whether a copy goes on to a processor
 * @param delayReport an RFC 3464 report ({@code action=delayed}) telling the sender that the deferred
 *                    recipients are still waiting; sent once per message
 * @param failedAttempt whether the attempt counts against the retry schedule: {@code false} when the
 *                    deferred recipients were not tried at all, only waiting for room at a destination
 *                    that had as many deliveries under way as it may have
 */
public record AttemptOutcome(List<MailAddress> deferred, Optional<Instant> retryAt, String deferReason,
                             Failure failure, Success delivered, Optional<Mail> delayReport,
                             boolean failedAttempt) {

    public AttemptOutcome {
        deferred = List.copyOf(deferred);
        if (!deferred.isEmpty() && retryAt.isEmpty()) {
            throw new IllegalArgumentException("deferred recipients need a retry time");
        }
    }

    /** An attempt that counts against the retry schedule if it defers recipients. */
    public AttemptOutcome(List<MailAddress> deferred, Optional<Instant> retryAt, String deferReason,
                          Failure failure, Success delivered, Optional<Mail> delayReport) {
        this(deferred, retryAt, deferReason, failure, delivered, delayReport, true);
    }

    /** Only deferred recipients: nothing failed, nothing to pass on. */
    public static AttemptOutcome deferredOnly(List<MailAddress> deferred, Instant retryAt, String reason) {
        return new AttemptOutcome(deferred, Optional.of(retryAt), reason, Failure.NONE, Success.NONE, Optional.empty());
    }

    /**
     * Recipients given up on. With a {@code processor} ({@code bounceProcessor}) they go back into the
     * spool there, the mail carrying {@code reason} as its error message and {@code attributes} (James's
     * {@code delivery-error}...); without one, {@code report} (an RFC 3464 report to the sender, when there
     * is a sender) goes into the spool instead.
     */
    public record Failure(List<MailAddress> recipients, String reason, Optional<String> processor,
                          List<Attribute> attributes, Optional<Mail> report) {

        public static final Failure NONE = new Failure(List.of(), "", Optional.empty(), List.of(), Optional.empty());

        public Failure {
            recipients = List.copyOf(recipients);
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * Recipients delivered; with a {@code processor} ({@code onSuccess}), a copy for them goes there;
     * {@code report} is an RFC 3464 report to the sender ({@code action=relayed}) for recipients whose
     * NOTIFY asked for news of success, and it goes into the spool too.
     */
    public record Success(List<MailAddress> recipients, Optional<String> processor, Optional<Mail> report) {

        public static final Success NONE = new Success(List.of(), Optional.empty(), Optional.empty());

        public Success {
            recipients = List.copyOf(recipients);
        }

        /** Recipients delivered, with no report to the sender. */
        public Success(List<MailAddress> recipients, Optional<String> processor) {
            this(recipients, processor, Optional.empty());
        }
    }
}

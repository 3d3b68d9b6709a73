package org.mailgate.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.james.core.MailAddress;
import org.mailgate.api.delivery.AttemptOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of one outgoing entry under the {@link DestinationLimits}: each recipient group
 * is sent only if its destination has room ({@code maxConnectionsPerDestination}); the recipients of a
 * destination without room are not tried and wait. {@link #outcome} adds them to what the attempt achieved:
 * <ul>
 * <li>if other recipients failed temporarily, the waiting ones are retried with them, when the retry
 *     schedule says (the attempt counts as a failed one, as it would have without them);</li>
 * <li>otherwise they come back when the limits say, soon ({@link DestinationLimits#BUSY_RETRY}), and the
 *     attempt does not count as a failed one: the retry schedule and the retries left are untouched.</li>
 * </ul>
 * Used by one worker thread for one entry.
 */
final class LimitedAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(LimitedAttempt.class);

    private final DestinationLimits limits;
    private final int limit;
    private final String queueId;
    private final List<MailAddress> waiting = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private Instant comeBackAt = Instant.MAX;

    /**
     * @param limit   deliveries under way at once to one destination
     * @param queueId the entry's queue id, for the log
     */
    LimitedAttempt(DestinationLimits limits, int limit, String queueId) {
        this.limits = limits;
        this.limit = limit;
        this.queueId = queueId;
    }

    /**
     * Runs {@code delivery} of {@code recipients} if {@code destination} has room, holding the room until
     * it returns; otherwise notes the recipients as waiting and returns no results. Never waits for room.
     */
    List<RecipientResult> run(String destination, List<MailAddress> recipients,
                              Supplier<List<RecipientResult>> delivery) {
        switch (limits.admit(destination, limit)) {
            case DestinationLimits.Admitted admitted -> {
                try (DestinationLimits.Permit permit = admitted.permit()) {
                    return delivery.get();
                }
            }
            case DestinationLimits.Busy busy -> {
                String reason = "waiting for room at " + destination + ": " + busy.underWay()
                        + " deliveries under way (maxConnectionsPerDestination " + limit + ")";
                LOG.debug("{}: to={}, status=waiting ({}); back at {}", queueId, recipients, reason, busy.comeBackAt());
                waiting.addAll(recipients);
                reasons.add(recipients.stream().map(MailAddress::asString).toList() + " " + reason);
                if (busy.comeBackAt().isBefore(comeBackAt)) {
                    comeBackAt = busy.comeBackAt();
                }
                return List.of();
            }
        }
    }

    /** What to record: {@code attempted} (the outcome of the groups that were sent) and the waiting recipients. */
    AttemptOutcome outcome(AttemptOutcome attempted) {
        if (waiting.isEmpty()) {
            return attempted;
        }
        List<MailAddress> deferred = new ArrayList<>(attempted.deferred());
        deferred.addAll(waiting);
        List<String> why = new ArrayList<>();
        if (!attempted.deferReason().isEmpty()) {
            why.add(attempted.deferReason());
        }
        why.addAll(reasons);
        String reason = String.join("; ", why);
        if (!attempted.deferred().isEmpty()) {
            return new AttemptOutcome(deferred, attempted.retryAt(), reason, attempted.failure(), attempted.delivered(),
                    attempted.delayReport(), attempted.failedAttempt());
        }
        return new AttemptOutcome(deferred, Optional.of(comeBackAt), reason, attempted.failure(), attempted.delivered(),
                attempted.delayReport(), false);
    }
}

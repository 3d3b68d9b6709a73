package org.mailgate.api.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;

/**
 * What one delivery attempt achieved. Recipients in neither list were delivered.
 *
 * @param deferred   recipients to try again at {@code retryAt}, with the reason in {@code deferReason}
 * @param failed     recipients given up on; they go back into the spool in {@code failedProcessor} with
 *                   {@code failureReason} as the mail's error message
 */
public record AttemptOutcome(List<MailAddress> deferred, Optional<Instant> retryAt, String deferReason,
                             List<MailAddress> failed, String failureReason, String failedProcessor) {

    public AttemptOutcome {
        deferred = List.copyOf(deferred);
        failed = List.copyOf(failed);
        if (!deferred.isEmpty() && retryAt.isEmpty()) {
            throw new IllegalArgumentException("deferred recipients need a retry time");
        }
    }
}

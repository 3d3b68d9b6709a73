package org.mailgate.api.delivery;

import java.util.Optional;

/** The stored side of the outgoing queues, for the delivery stage. */
public interface OutgoingStore {

    /** The entry, unless it is gone or held by an operator. */
    Optional<OutgoingMail> load(long entryId);

    /**
     * Applies the outcome of an attempt in one durable transaction: delivered recipients leave the
     * queue, deferred ones wait for their retry time (one more failed attempt, unless
     * {@link AttemptOutcome#failedAttempt()} says they only waited for room), failed ones return to the spool.
     */
    void record(OutgoingMail mail, AttemptOutcome outcome);
}

package org.mailgate.api.metrics;

import java.time.Duration;

/** What monitoring reads from the store: cheap counts, no message content. */
public interface StoreStatistics {

    /** Messages waiting in the spool or being processed. */
    long spoolSize();

    /**
     * How long the oldest entry of {@code queueName} that is due for an attempt has been due;
     * {@link Duration#ZERO} when none is due. A large age means delivery does not keep up, or is stuck.
     */
    Duration oldestReadyAge(String queueName);
}

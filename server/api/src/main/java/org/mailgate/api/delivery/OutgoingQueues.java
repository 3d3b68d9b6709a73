package org.mailgate.api.delivery;

import java.util.Optional;

/** The outgoing queues, each declared by the mailet that feeds it together with its delivery settings. */
public interface OutgoingQueues {

    /**
     * Declares a queue and how its mail is delivered.
     *
     * @throws IllegalStateException if another mailet declared the same queue with other settings
     */
    OutgoingQueue declare(DeliverySettings settings);

    /** The settings declared for {@code queueName}, if a mailet declared it in this configuration. */
    Optional<DeliverySettings> settings(String queueName);
}

package org.mailgate.delivery;

import java.time.Duration;

/**
 * Delivery settings that do not come from a RemoteDelivery mailet.
 *
 * @param heloName              the name given in EHLO when the mailet names none (the SMTP server's helloName)
 * @param messagesPerConnection messages one connection to a remote server carries before it is closed
 * @param connectionIdle        how long an open connection waits for the next message
 */
public record DeliveryDefaults(String heloName, int messagesPerConnection, Duration connectionIdle) {

    public static DeliveryDefaults of(String heloName) {
        return new DeliveryDefaults(heloName, 100, Duration.ofSeconds(5));
    }
}

package org.mailgate.delivery;

import java.time.Duration;
import org.apache.james.core.MailAddress;

/**
 * Delivery settings that do not come from a RemoteDelivery mailet.
 *
 * @param heloName              the name given in EHLO when the mailet names none (the SMTP server's helloName);
 *                              also the Reporting-MTA of failure reports
 * @param postmaster            the sender named in failure reports
 * @param messagesPerConnection messages one connection to a remote server carries before it is closed
 * @param connectionIdle        how long an open connection waits for the next message
 */
public record DeliveryDefaults(String heloName, MailAddress postmaster, int messagesPerConnection,
                               Duration connectionIdle) {

    public static DeliveryDefaults of(String heloName, MailAddress postmaster) {
        return new DeliveryDefaults(heloName, postmaster, 100, Duration.ofSeconds(5));
    }
}

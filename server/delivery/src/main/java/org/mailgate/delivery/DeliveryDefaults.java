package org.mailgate.delivery;

/**
 * Delivery settings that do not come from a RemoteDelivery mailet.
 *
 * @param heloName the name given in EHLO when the mailet names none (the SMTP server's helloName)
 */
public record DeliveryDefaults(String heloName) {
}

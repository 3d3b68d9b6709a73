package org.mailgate.api.metrics;

/**
 * Where the stages count what happens to mail, for monitoring. Implementations keep each call to an
 * increment of a counter made in advance: these are called on the hot paths.
 */
public interface MailMetrics {

    /** What became of one recipient in a delivery attempt. */
    enum DeliveryOutcome { DELIVERED, DEFERRED, FAILED }

    /** Counts nothing: for a stage used without monitoring. */
    MailMetrics NONE = new MailMetrics() {
        @Override
        public void accepted() {
        }

        @Override
        public void smtpReply(int code) {
        }

        @Override
        public void delivery(DeliveryOutcome outcome, int recipients) {
        }
    };

    /** A message was accepted over SMTP (its 250 after DATA). */
    void accepted();

    /** The SMTP server sent a reply with {@code code}. */
    void smtpReply(int code);

    /** {@code recipients} recipients of one delivery attempt ended with {@code outcome}. */
    void delivery(DeliveryOutcome outcome, int recipients);
}

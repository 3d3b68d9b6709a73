package org.mailgate.api.delivery;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;

/** A durable queue of mail waiting for remote delivery. */
public interface OutgoingQueue {

    String name();

    /**
     * Queues a copy of {@code mail} (its sender, recipients, message and attributes as they are now).
     * Inside a spool unit this is part of the unit's transaction.
     */
    void enqueue(Mail mail) throws MessagingException;
}

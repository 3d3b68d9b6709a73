package org.mailgate.container.testmailets;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Fails on every mail, with the message of its {@code reason} parameter. */
public final class Fails extends GenericMailet {

    @Override
    public void service(Mail mail) throws MessagingException {
        throw new MessagingException(getInitParameter("reason", "failed"));
    }
}

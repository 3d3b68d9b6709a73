package org.mailgate.container.testmailets;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Bounces every mail through the mailet context and ends it. */
public final class BounceIt extends GenericMailet {

    @Override
    public void service(Mail mail) throws MessagingException {
        getMailetContext().bounce(mail, "refused by test");
        mail.setState(Mail.GHOST);
    }
}

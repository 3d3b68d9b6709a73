package org.mailgate.container.testmailets;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** A matcher that fails on every mail. */
public final class Throws extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        throw new MessagingException("matcher broken");
    }
}

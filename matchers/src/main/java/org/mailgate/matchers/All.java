package org.mailgate.matchers;

import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Every recipient. */
public final class All extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients();
    }
}

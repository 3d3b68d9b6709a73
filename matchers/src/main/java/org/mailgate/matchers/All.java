package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Every recipient. No condition. */
public final class All extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("All", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients();
    }
}

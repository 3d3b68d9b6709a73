package org.mailgate.container.testmailets;

import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** The first recipient only. */
public final class FirstRecipient extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().isEmpty() ? List.of() : List.of(mail.getRecipients().iterator().next());
    }
}

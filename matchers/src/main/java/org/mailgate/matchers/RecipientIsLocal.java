package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Recipients that are local addresses, as the mailet context judges them. No condition. */
public final class RecipientIsLocal extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("RecipientIsLocal", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalEmail(r))
                .toList();
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** The recipient of a mail that has exactly one. No condition. */
public final class IsSingleRecipient extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("IsSingleRecipient", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().size() == 1 ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "IsSingleRecipient Matcher";
    }
}

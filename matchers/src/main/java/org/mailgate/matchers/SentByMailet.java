package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients of a mail that a mailet created (a bounce, a notification), that is one carrying the
 * attribute {@code org.apache.james.SentByMailet} ({@link Mail#SENT_BY_MAILET_ATTRIBUTE}). No condition.
 */
public final class SentByMailet extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("SentByMailet", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean sentByMailet = mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent();
        return sentByMailet ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SentByMailet Matcher";
    }
}

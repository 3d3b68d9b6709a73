package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the client authenticated with SMTP AUTH, that is when the mail carries the
 * attribute {@link Mail#SMTP_AUTH_USER} ({@code org.apache.james.SMTPAuthUser}). No condition.
 */
public final class SMTPAuthSuccessful extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("SMTPAuthSuccessful", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent() ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SMTPAuthSuccessful Matcher";
    }
}

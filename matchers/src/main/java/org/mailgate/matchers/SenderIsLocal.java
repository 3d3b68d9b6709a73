package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the envelope sender is a local address, as the mailet context judges it. The
 * null sender is not local. No condition.
 */
public final class SenderIsLocal extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("SenderIsLocal", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean local = mail.getMaybeSender().asOptional().map(getMailetContext()::isLocalEmail).orElse(false);
        return local ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SenderIsLocal Matcher";
    }
}

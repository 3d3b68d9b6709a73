package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** All recipients when the envelope sender is the null sender {@code <>} (bounces, DSNs). No condition. */
public final class SenderIsNull extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("SenderIsNull", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getMaybeSender().isNullSender() ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SenderIsNull Matcher";
    }
}

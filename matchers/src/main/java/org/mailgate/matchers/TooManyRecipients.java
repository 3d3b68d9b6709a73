package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the mail has more recipients than the number of the condition, a whole number
 * of at least 1: {@code TooManyRecipients=100}.
 */
public final class TooManyRecipients extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("TooManyRecipients",
            "the largest number of recipients allowed", "TooManyRecipients=100");

    private int maximum;

    @Override
    public void init() throws MessagingException {
        maximum = SYNTAX.positiveNumber(getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().size() > maximum ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "TooManyRecipients Matcher";
    }
}

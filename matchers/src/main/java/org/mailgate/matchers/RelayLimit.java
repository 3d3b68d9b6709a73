package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the message has passed through at least as many servers as the condition says,
 * counted as {@code Received} headers: {@code RelayLimit=30}. Stops mail loops. Each match is logged
 * as a warning.
 */
public final class RelayLimit extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RelayLimit",
            "the number of Received headers at which a message is looping", "RelayLimit=30");

    private int limit;

    @Override
    public void init() throws MessagingException {
        limit = SYNTAX.positiveNumber(getCondition());
    }

    @Override
    @SuppressWarnings("deprecation") // through the context: the container logs it, tests record it
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        String[] received = mail.getMessage().getHeader("Received");
        int count = received == null ? 0 : received.length;
        if (count < limit) {
            return List.of();
        }
        getMailetContext().log(LogLevel.WARN, "RelayLimit: " + mail.getName() + " has " + count
                + " Received headers, at or above the limit of " + limit);
        return mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "RelayLimit Matcher";
    }
}

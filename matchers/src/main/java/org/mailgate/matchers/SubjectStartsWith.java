package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the decoded {@code Subject} of the message starts with the condition, case
 * included: {@code SubjectStartsWith=[SPAM]}. A message without a subject never matches.
 */
public final class SubjectStartsWith extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SubjectStartsWith",
            "the start of the subject", "SubjectStartsWith=[SPAM]");

    private String prefix;

    @Override
    public void init() throws MessagingException {
        prefix = SYNTAX.required(getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        String subject = mail.getMessage().getSubject();
        return subject != null && subject.startsWith(prefix) ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SubjectStartsWith Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the decoded {@code Subject} of the message is exactly the condition, case
 * included: {@code SubjectIs=Out of office}. A message without a subject never matches.
 */
public final class SubjectIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SubjectIs", "the whole subject",
            "SubjectIs=Out of office");

    private String subject;

    @Override
    public void init() throws MessagingException {
        subject = SYNTAX.required(getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return subject.equals(mail.getMessage().getSubject()) ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SubjectIs Matcher";
    }
}

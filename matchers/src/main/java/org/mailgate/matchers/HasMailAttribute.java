package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the mail carries the attribute named by the condition, whatever its value:
 * {@code HasMailAttribute=org.example.scanned}.
 */
public final class HasMailAttribute extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasMailAttribute", "an attribute name",
            "HasMailAttribute=org.example.scanned");

    private AttributeName name;

    @Override
    public void init() throws MessagingException {
        name = AttributeName.of(SYNTAX.required(getCondition()).trim());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getAttribute(name).isPresent() ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "HasMailAttribute Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the mail carries the attribute named by the condition and its value, written as
 * a string ({@code toString()}) and trimmed, equals the value of the condition. The condition is the
 * name and the value split at the first comma, both trimmed: {@code HasMailAttributeWithValue=org.example.verdict, spam}.
 * An empty value ({@code name,}) tests for an empty string. A name cannot contain a comma.
 */
public final class HasMailAttributeWithValue extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasMailAttributeWithValue",
            "an attribute name, a comma and a value", "HasMailAttributeWithValue=org.example.verdict, spam");

    private AttributeName name;
    private String value;

    @Override
    public void init() throws MessagingException {
        String condition = SYNTAX.required(getCondition()).trim();
        int comma = condition.indexOf(',');
        if (comma < 0) {
            throw SYNTAX.malformed("no comma between the attribute name and the value in '" + condition + "'");
        }
        String attribute = condition.substring(0, comma).trim();
        if (attribute.isEmpty()) {
            throw SYNTAX.malformed("no attribute name before the comma in '" + condition + "'");
        }
        name = AttributeName.of(attribute);
        value = condition.substring(comma + 1).trim();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getAttributeValueFromMail(mail, name)
                .filter(actual -> actual.toString().trim().equals(value))
                .isPresent();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "HasMailAttributeWithValue Matcher";
    }
}

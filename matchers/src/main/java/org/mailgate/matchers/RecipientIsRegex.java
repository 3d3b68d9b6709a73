package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * The recipients whose whole address matches the regular expression of the condition, as written
 * (case-sensitive unless it says {@code (?i)}): {@code RecipientIsRegex=.*@log\.example\.com}. The
 * address is tested in the form {@code local-part@domain}, the domain in lower case.
 */
public final class RecipientIsRegex extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RecipientIsRegex", "a regular expression",
            "RecipientIsRegex=(.*)@log\\.example\\.com");

    private AddressTest regex;

    @Override
    public void init() throws MessagingException {
        regex = AddressTest.wholeAddressMatches(SYNTAX, getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return regex.recipients(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "RecipientIsRegex Matcher";
    }
}

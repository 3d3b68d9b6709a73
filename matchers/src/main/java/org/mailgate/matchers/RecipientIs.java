package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * The recipients that are one of the addresses of the condition, a list separated by commas, spaces
 * or tabs: {@code RecipientIs=postmaster@example.com, abuse@example.com}. Addresses compare as James's
 * {@link MailAddress} does: without regard to case.
 */
public final class RecipientIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RecipientIs", "a list of mail addresses",
            "RecipientIs=postmaster@example.com, abuse@example.com");

    private Set<MailAddress> addresses;

    @Override
    public void init() throws MessagingException {
        addresses = SYNTAX.addresses(SYNTAX.items(getCondition()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream().filter(addresses::contains).toList();
    }

    @Override
    public String getMatcherInfo() {
        return "RecipientIs Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * The recipients whose domain is one of the domains of the condition, a comma- or space-separated
 * list compared without regard to case: {@code RecipientDomainIs=example.com, example.org}.
 */
public final class RecipientDomainIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RecipientDomainIs", "a list of domains",
            "RecipientDomainIs=example.com, example.org");

    private AddressTest domains;

    @Override
    public void init() throws MessagingException {
        domains = AddressTest.domainIn(SYNTAX, getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return domains.recipients(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "RecipientDomainIs Matcher";
    }
}

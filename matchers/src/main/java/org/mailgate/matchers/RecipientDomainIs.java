package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.Set;
import org.apache.james.core.Domain;
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

    private Set<Domain> domains;

    @Override
    public void init() throws MessagingException {
        domains = SYNTAX.domains(getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream().filter(r -> domains.contains(r.getDomain())).toList();
    }

    @Override
    public String getMatcherInfo() {
        return "RecipientDomainIs Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the envelope sender's domain is one of the domains of the condition, a comma-
 * or space-separated list compared without regard to case: {@code SenderDomainIs=example.com}. The
 * null sender never matches.
 */
public final class SenderDomainIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SenderDomainIs", "a list of domains",
            "SenderDomainIs=example.com, example.org");

    private Set<Domain> domains;

    @Override
    public void init() throws MessagingException {
        domains = SYNTAX.domains(getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = mail.getMaybeSender().asOptional()
                .map(sender -> domains.contains(sender.getDomain()))
                .orElse(false);
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SenderDomainIs Matcher";
    }
}

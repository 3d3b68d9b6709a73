package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
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

    private AddressTest domains;

    @Override
    public void init() throws MessagingException {
        domains = AddressTest.domainIn(SYNTAX, getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return domains.allIfSender(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "SenderDomainIs Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * The recipients whose domain (host) is one of the domains of the condition, a comma- or
 * space-separated list compared without regard to case: {@code HostIs=example.com, example.org}.
 * James's older name for {@link RecipientDomainIs}.
 */
public final class HostIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HostIs", "a list of domains",
            "HostIs=example.com, example.org");

    private AddressTest hosts;

    @Override
    public void init() throws MessagingException {
        hosts = AddressTest.domainIn(SYNTAX, getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return hosts.recipients(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "HostIs Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Recipients whose domain is one of the local domains ({@code domainlist.xml}). No condition. */
public final class HostIsLocal extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("HostIsLocal", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalServer(r.getDomain()))
                .toList();
    }
}

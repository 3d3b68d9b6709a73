package org.mailgate.matchers;

import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Recipients whose domain is one of the local domains ({@code domainlist.xml}). */
public final class HostIsLocal extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
                .filter(r -> getMailetContext().isLocalServer(r.getDomain()))
                .toList();
    }
}

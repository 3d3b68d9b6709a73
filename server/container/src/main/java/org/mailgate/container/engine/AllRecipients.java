package org.mailgate.container.engine;

import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** The matcher of a {@code <mailet>} written without {@code match}: every recipient. */
final class AllRecipients extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients();
    }
}

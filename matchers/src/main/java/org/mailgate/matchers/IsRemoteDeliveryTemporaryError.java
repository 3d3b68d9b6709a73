package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients of a mail that remote delivery sent to its {@code bounceProcessor} because its retries
 * ran out on temporary failures, as James's matcher of that name.
 */
public final class IsRemoteDeliveryTemporaryError extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("IsRemoteDeliveryTemporaryError", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return RemoteDeliveryErrors.permanent(mail).filter(p -> !p).isPresent() ? mail.getRecipients() : List.of();
    }
}

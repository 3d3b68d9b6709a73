package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients of a mail that remote delivery sent to its {@code bounceProcessor} after a permanent
 * failure (a 5xx reply, a domain that does not exist), as James's matcher of that name.
 */
public final class IsRemoteDeliveryPermanentError extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("IsRemoteDeliveryPermanentError", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return RemoteDeliveryErrors.permanent(mail).filter(Boolean::booleanValue).isPresent()
                ? mail.getRecipients() : List.of();
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients of a mail that remote delivery sent to its {@code bounceProcessor} after the remote
 * server answered with the SMTP code of the condition: {@code RemoteDeliveryFailedWithSMTPCode=550}.
 */
public final class RemoteDeliveryFailedWithSMTPCode extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("RemoteDeliveryFailedWithSMTPCode",
            "an SMTP reply code from 400 to 599", "RemoteDeliveryFailedWithSMTPCode=550");

    private int code;

    @Override
    public void init() throws MessagingException {
        String text = SYNTAX.required(getCondition()).trim();
        try {
            code = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SYNTAX.malformed("'" + text + "' is not a number");
        }
        if (code < 400 || code > 599) {
            throw SYNTAX.malformed(code + " is not a failure code (400 to 599)");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return RemoteDeliveryErrors.code(mail).filter(c -> c == code).isPresent() ? mail.getRecipients() : List.of();
    }
}

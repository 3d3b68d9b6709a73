package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the SMTP server let the client relay (an authorised network or an authenticated
 * user), that is when the mail carries the attribute {@value #ATTRIBUTE} with the boolean value
 * {@code true}, as James's SMTP server sets it. No condition.
 */
public final class SMTPIsAuthNetwork extends GenericMatcher {

    /** The attribute's name; its value is a {@link Boolean}, as in James 3.9. */
    public static final String ATTRIBUTE = "org.apache.james.SMTPIsAuthNetwork";

    private static final AttributeName NAME = AttributeName.of(ATTRIBUTE);

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("SMTPIsAuthNetwork", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean relaying = AttributeUtils.getValueAndCastFromMail(mail, NAME, Boolean.class).orElse(false);
        return relaying ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SMTPIsAuthNetwork Matcher";
    }
}

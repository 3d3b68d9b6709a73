package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the client authenticated with SMTP AUTH as one of the users of the condition, a
 * list separated by commas, spaces or tabs: {@code SMTPAuthUserIs=alice@example.com, bob}. The names
 * are compared exactly with the string attribute {@link Mail#SMTP_AUTH_USER}; a mail that was not
 * authenticated never matches.
 */
public final class SMTPAuthUserIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SMTPAuthUserIs", "a list of user names",
            "SMTPAuthUserIs=alice@example.com, bob@example.com");

    private Set<String> users;

    @Override
    public void init() throws MessagingException {
        users = Set.copyOf(SYNTAX.items(getCondition()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class)
                .filter(users::contains)
                .isPresent();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SMTPAuthUserIs Matcher";
    }
}

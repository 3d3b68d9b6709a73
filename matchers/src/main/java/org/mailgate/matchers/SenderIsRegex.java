package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the envelope sender's whole address matches the regular expression of the
 * condition, as written: {@code SenderIsRegex=(.*)@lists\.example\.com}. The null sender never matches.
 */
public final class SenderIsRegex extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SenderIsRegex", "a regular expression",
            "SenderIsRegex=(.*)@lists\\.example\\.com");

    private AddressTest regex;

    @Override
    public void init() throws MessagingException {
        regex = AddressTest.wholeAddressMatches(SYNTAX, getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return regex.allIfSender(mail);
    }

    @Override
    public String getMatcherInfo() {
        return "SenderIsRegex Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the whole message (headers and body) is larger than the size of the condition:
 * bytes, or a number followed by {@code k}, {@code m} or {@code g} for KiB, MiB, GiB (either case):
 * {@code SizeGreaterThan=10m}, {@code SizeGreaterThan=512k}, {@code SizeGreaterThan=4096}.
 */
public final class SizeGreaterThan extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SizeGreaterThan",
            "a size of at least 1 byte, in bytes or with a k, m or g unit", "SizeGreaterThan=10m");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)");

    private long cutoff;

    @Override
    public void init() throws MessagingException {
        String text = SYNTAX.required(getCondition()).trim();
        Matcher size = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (size.matches()) {
                int shift = switch (size.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 0;
                };
                cutoff = Math.multiplyExact(Long.parseLong(size.group(1)), 1L << shift);
                if (cutoff >= 1) {
                    return;
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw SYNTAX.malformed("size too large: " + text);
        }
        throw SYNTAX.malformed("not a size: " + text);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return mail.getMessageSize() > cutoff ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SizeGreaterThan Matcher";
    }
}

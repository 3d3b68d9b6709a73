package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * How one matcher's condition is written: the matcher's name, what the condition holds and a correct
 * example. Parses the forms several matchers share, and builds errors that name the matcher and show
 * the example, so a bad {@code match="..."} is refused at start with a message that says how to fix it.
 */
record ConditionSyntax(String matcher, String expected, String example) {

    /** Refuses a condition on a matcher that takes none (James would silently ignore it). */
    static void refuseAny(String matcher, String condition) throws MessagingException {
        if (condition != null) {
            throw new MessagingException(matcher + " takes no condition but was given '" + condition
                    + "'; write match=\"" + matcher + "\"");
        }
    }

    /** The condition as written, refused when missing or blank. */
    String required(String condition) throws MessagingException {
        if (condition == null || condition.isBlank()) {
            throw new MessagingException(matcher + " needs a condition: " + expected + ", e.g. " + example);
        }
        return condition;
    }

    /** An error naming the matcher, the problem and a correct example. */
    MessagingException malformed(String problem) {
        return new MessagingException(matcher + ": " + problem + "; expected " + expected + ", e.g. " + example);
    }

    /** The items of a list separated by commas, spaces or tabs; at least one. */
    List<String> items(String condition) throws MessagingException {
        List<String> items = Arrays.stream(required(condition).split("[,\\s]+"))
                .filter(item -> !item.isEmpty())
                .toList();
        if (items.isEmpty()) {
            throw malformed("the list '" + condition + "' holds no item");
        }
        return items;
    }

    /** Mail addresses; every item that is not one is named in the error. */
    Set<MailAddress> addresses(List<String> items) throws MessagingException {
        Set<MailAddress> addresses = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String item : items) {
            try {
                addresses.add(new MailAddress(item));
            } catch (AddressException e) {
                bad.add(item);
            }
        }
        if (!bad.isEmpty()) {
            throw malformed("not a mail address: " + String.join(", ", bad));
        }
        return addresses;
    }

    /** Domains of a comma- or space-separated list, compared without regard to case. */
    Set<Domain> domains(String condition) throws MessagingException {
        Set<Domain> domains = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String item : items(condition)) {
            try {
                domains.add(Domain.of(item));
            } catch (IllegalArgumentException e) {
                bad.add(item);
            }
        }
        if (!bad.isEmpty()) {
            throw malformed("not a domain: " + String.join(", ", bad));
        }
        return domains;
    }

    /** A regular expression (the condition trimmed), which must match a whole string. */
    Pattern regex(String condition) throws MessagingException {
        String text = required(condition).trim();
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw malformed("not a regular expression: " + text + " (" + e.getDescription() + " at index "
                    + e.getIndex() + ")");
        }
    }

    /** A whole number of at least 1. */
    int positiveNumber(String condition) throws MessagingException {
        String text = required(condition).trim();
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, with the example
        }
        throw malformed("not a whole number of at least 1: " + text);
    }
}

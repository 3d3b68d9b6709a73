package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * A test of one mail address made from a matcher's condition, which a matcher applies either to each
 * recipient (those that pass match) or to the envelope sender (every recipient matches when it passes;
 * the null sender never does). A {@code Recipient...} matcher and its {@code Sender...} twin differ
 * only in that choice.
 */
final class AddressTest {

    private final Predicate<MailAddress> test;

    private AddressTest(Predicate<MailAddress> test) {
        this.test = test;
    }

    /** The address's domain is one of the domains of the condition. */
    static AddressTest domainIn(ConditionSyntax syntax, String condition) throws MessagingException {
        Set<Domain> domains = syntax.domains(condition);
        return new AddressTest(address -> domains.contains(address.getDomain()));
    }

    /** The whole address, {@code local-part@domain}, matches the regular expression of the condition. */
    static AddressTest wholeAddressMatches(ConditionSyntax syntax, String condition) throws MessagingException {
        Pattern pattern = syntax.regex(condition);
        return new AddressTest(address -> pattern.matcher(address.asString()).matches());
    }

    /** The recipients that pass, in their order. */
    Collection<MailAddress> recipients(Mail mail) {
        return mail.getRecipients().stream().filter(test).toList();
    }

    /** Every recipient when the sender passes; none for another sender or the null sender. */
    Collection<MailAddress> allIfSender(Mail mail) {
        return mail.getMaybeSender().asOptional().filter(test).isPresent() ? mail.getRecipients() : List.of();
    }
}

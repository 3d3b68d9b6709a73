package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the envelope sender is one of the addresses of the condition, a list separated
 * by commas, spaces or tabs; {@code <>} stands for the null sender (bounces):
 * {@code SenderIs=newsletter@example.com, <>}. Addresses compare without regard to case.
 */
public final class SenderIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("SenderIs",
            "a list of mail addresses, <> for the null sender", "SenderIs=newsletter@example.com, <>");
    private static final String NULL_SENDER = "<>";

    private Set<MailAddress> senders;
    private boolean nullSender;

    @Override
    public void init() throws MessagingException {
        List<String> items = SYNTAX.items(getCondition());
        nullSender = items.contains(NULL_SENDER);
        senders = SYNTAX.addresses(items.stream().filter(item -> !item.equals(NULL_SENDER)).toList());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = mail.getMaybeSender().asOptional().map(senders::contains).orElse(nullSender);
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "SenderIs Matcher";
    }
}

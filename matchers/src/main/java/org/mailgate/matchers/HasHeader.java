package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.GenericMatcher;

/**
 * The recipients for whom the message has every header of the condition: header names, each
 * optionally followed by {@code =value}, joined by {@code +}:
 * {@code HasHeader=X-Spam-Flag=YES+X-Spam-Level}. A header of the message itself counts for all
 * recipients; a header added for some recipients only (per-recipient headers) counts for those.
 * Names compare without regard to case; a value must equal one of the header's values exactly, once
 * unfolded, decoded (RFC 2047) and trimmed. The value is everything after the first {@code =}.
 */
public final class HasHeader extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasHeader",
            "header names, each with an optional =value, joined by +", "HasHeader=X-Spam-Flag=YES+X-Spam-Level");
    /** A field name: printable US-ASCII but the colon (RFC 5322). */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    /** One header the message must have, with a given value or any. */
    private record Wanted(String name, Optional<String> value) {

        boolean matches(String headerName, String headerValue) {
            return headerName.equalsIgnoreCase(name)
                    && value.map(v -> v.equals(MimeParts.decodedHeaderValue(headerValue))).orElse(true);
        }

        boolean inMessage(MimeMessage message) throws MessagingException {
            String[] values = message.getHeader(name);
            if (values == null) {
                return false;
            }
            for (String headerValue : values) {
                if (matches(name, headerValue)) {
                    return true;
                }
            }
            return false;
        }

        Set<MailAddress> recipients(Mail mail) throws MessagingException {
            if (inMessage(mail.getMessage())) {
                return new HashSet<>(mail.getRecipients());
            }
            PerRecipientHeaders specific = mail.getPerRecipientSpecificHeaders();
            Set<MailAddress> recipients = new HashSet<>();
            for (MailAddress recipient : specific.getRecipientsWithSpecificHeaders()) {
                if (specific.getHeadersForRecipient(recipient).stream()
                        .anyMatch(header -> matches(header.getName(), header.getValue()))) {
                    recipients.add(recipient);
                }
            }
            return recipients;
        }
    }

    private List<Wanted> wanted;

    @Override
    public void init() throws MessagingException {
        List<Wanted> parsed = new ArrayList<>();
        for (String element : SYNTAX.required(getCondition()).split("\\+", -1)) {
            parsed.add(parse(element.trim()));
        }
        wanted = List.copyOf(parsed);
    }

    private static Wanted parse(String element) throws MessagingException {
        if (element.isEmpty()) {
            throw SYNTAX.malformed("an empty header between two + or at an end");
        }
        int equals = element.indexOf('=');
        String name = (equals < 0 ? element : element.substring(0, equals)).trim();
        if (!FIELD_NAME.matcher(name).matches()) {
            throw SYNTAX.malformed("not a header name: '" + name + "' in '" + element + "'");
        }
        if (equals < 0) {
            return new Wanted(name, Optional.empty());
        }
        String value = element.substring(equals + 1).trim();
        if (value.isEmpty()) {
            throw SYNTAX.malformed("no value after = in '" + element + "' (write the name alone to test presence)");
        }
        return new Wanted(name, Optional.of(value));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        Set<MailAddress> matched = null;
        for (Wanted header : wanted) {
            Set<MailAddress> these = header.recipients(mail);
            if (matched == null) {
                matched = these;
            } else {
                matched.retainAll(these);
            }
            if (matched.isEmpty()) {
                return List.of();
            }
        }
        Set<MailAddress> all = matched;
        return mail.getRecipients().stream().filter(all::contains).toList();
    }

    @Override
    public String getMatcherInfo() {
        return "HasHeader Matcher";
    }
}

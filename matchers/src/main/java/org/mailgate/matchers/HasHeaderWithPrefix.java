package org.mailgate.matchers;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the message has a header whose name starts with the condition, as written (case
 * included, as in James): {@code HasHeaderWithPrefix=X-Spam-}. Otherwise the recipients that have
 * such a header among their per-recipient headers.
 */
public final class HasHeaderWithPrefix extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasHeaderWithPrefix",
            "the start of a header name", "HasHeaderWithPrefix=X-Spam-");

    private String prefix;

    @Override
    public void init() throws MessagingException {
        prefix = SYNTAX.required(getCondition()).trim();
        if (prefix.indexOf(':') >= 0) {
            throw SYNTAX.malformed("a header name cannot contain ':' as in '" + prefix + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        for (Enumeration<Header> headers = mail.getMessage().getAllHeaders(); headers.hasMoreElements();) {
            if (headers.nextElement().getName().startsWith(prefix)) {
                return mail.getRecipients();
            }
        }
        PerRecipientHeaders specific = mail.getPerRecipientSpecificHeaders();
        List<MailAddress> withHeader = specific.getRecipientsWithSpecificHeaders().stream()
                .filter(r -> specific.getHeaderNamesForRecipient(r).stream().anyMatch(n -> n.startsWith(prefix)))
                .toList();
        return mail.getRecipients().stream().filter(withHeader::contains).toList();
    }

    @Override
    public String getMatcherInfo() {
        return "HasHeaderWithPrefix Matcher";
    }
}

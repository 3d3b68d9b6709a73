package org.mailgate.mailets;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Removes every header whose name starts with a prefix, from the message and from the headers added
 * for specific recipients. Parameter {@code prefix} (required), e.g. {@code X-APPLICATIVE-HEADER-}.
 * Header names are compared without regard to case (James compares them case-sensitively, although
 * header names are case-insensitive). Nothing else in the message changes.
 */
public final class RemoveMimeHeaderByPrefix extends GenericMailet {

    private String prefix;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("prefix"));
        prefix = parameters.required("prefix").toLowerCase(Locale.ROOT);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Set<String> names = new LinkedHashSet<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (matches(header.getName())) {
                names.add(header.getName());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        PerRecipientHeaders specific = mail.getPerRecipientSpecificHeaders();
        for (MailAddress recipient : List.copyOf(specific.getRecipientsWithSpecificHeaders())) {
            specific.getHeadersForRecipient(recipient).removeIf(header -> matches(header.getName()));
        }
    }

    private boolean matches(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    @Override
    public String getMailetInfo() {
        return "RemoveMimeHeaderByPrefix Mailet";
    }
}

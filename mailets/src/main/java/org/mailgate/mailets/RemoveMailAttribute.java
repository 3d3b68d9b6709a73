package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Removes attributes from the mail. Parameter {@code name} (required): a comma-separated list of
 * attribute names (a repeated {@code <name>} element adds to the list). Attributes not present are
 * left alone.
 */
public final class RemoveMailAttribute extends GenericMailet {

    private List<AttributeName> names;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("name"));
        names = Arrays.stream(parameters.required("name").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(AttributeName::of).toList();
        if (names.isEmpty()) {
            throw new MessagingException("parameter name lists no attribute");
        }
    }

    @Override
    public void service(Mail mail) {
        names.forEach(mail::removeAttribute);
    }

    @Override
    public String getMailetInfo() {
        return "Remove Mail Attribute Mailet";
    }
}

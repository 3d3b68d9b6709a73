package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Removes headers from the message. Parameter {@code name}: a comma-separated list of header names.
 * Headers not present are left alone, and nothing else in the message changes.
 */
public final class RemoveMimeHeader extends GenericMailet {

    private List<String> names;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("name"));
        names = Arrays.stream(parameters.required("name").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new MessagingException("parameter name lists no header");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        for (String name : names) {
            if (message.getHeader(name) != null) {
                message.removeHeader(name);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "RemoveMimeHeader Mailet";
    }
}

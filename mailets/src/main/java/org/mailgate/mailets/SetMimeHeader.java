package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Adds a header to the message, as James does (a header of that name already present stays; the new
 * one is added after it). Parameters: {@code name} (required; a header name) and {@code value}
 * (required; one line; non-ASCII text is written RFC 2047 encoded in UTF-8). Nothing else in the
 * message changes.
 */
public final class SetMimeHeader extends GenericMailet {

    private String name;
    private String value;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("name", "value"));
        name = HeaderValues.checkedName("name", parameters.required("name"));
        value = HeaderValues.encoded(name, HeaderValues.checkedValue("value", parameters.required("value")));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        mail.getMessage().addHeader(name, value);
    }

    @Override
    public String getMailetInfo() {
        return "SetMimeHeader Mailet";
    }
}

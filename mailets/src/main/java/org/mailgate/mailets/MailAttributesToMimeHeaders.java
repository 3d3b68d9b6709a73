package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Copies string attributes of the mail into headers of its message. Parameter {@code simplemapping}
 * (required): {@code attributeName; headerName} pairs separated by commas (a repeated
 * {@code <simplemapping>} element adds a pair). For each pair whose attribute is present and holds a
 * string, a header with that value is added, as James does; an attribute that is absent or not a
 * string adds nothing. Line breaks in a value become spaces and non-ASCII text is RFC 2047 encoded, so
 * an attribute cannot inject header lines. Nothing else in the message changes.
 */
public final class MailAttributesToMimeHeaders extends GenericMailet {

    /** One {@code attribute; header} pair. */
    record Mapping(AttributeName attribute, String header) {
    }

    private List<Mapping> mappings;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("simplemapping"));
        List<Mapping> list = new ArrayList<>();
        for (String pair : parameters.required("simplemapping").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split(";", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new MessagingException("parameter simplemapping: '" + pair.trim()
                        + "' is not of the form attributeName; headerName");
            }
            list.add(new Mapping(AttributeName.of(parts[0].trim()),
                    HeaderValues.checkedName("simplemapping", parts[1].trim())));
        }
        if (list.isEmpty()) {
            throw new MessagingException("parameter simplemapping lists no attributeName; headerName pair");
        }
        mappings = List.copyOf(list);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = null;
        for (Mapping mapping : mappings) {
            String value = mail.getAttribute(mapping.attribute())
                    .flatMap(attribute -> attribute.getValue().valueAs(String.class))
                    .orElse(null);
            if (value != null) {
                if (message == null) {
                    message = mail.getMessage();
                }
                message.addHeader(mapping.header(), HeaderValues.encoded(mapping.header(), value));
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "MailAttributesToMimeHeaders Mailet";
    }
}

package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Sets string attributes on the mail: each parameter's name is an attribute name and its text the
 * value, e.g. {@code <org.example.tag>outbound</org.example.tag>}. An attribute already present is
 * replaced. Mailgate refuses a configuration that sets no attribute.
 */
public final class SetMailAttribute extends GenericMailet {

    private List<Attribute> attributes;

    @Override
    public void init() throws MessagingException {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = getInitParameterNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), names);
        if (names.isEmpty()) {
            throw new MessagingException("SetMailAttribute sets no attribute: give one parameter per attribute,"
                    + " named after it, e.g. <org.example.tag>value</org.example.tag>");
        }
        List<Attribute> list = new ArrayList<>();
        for (String name : names) {
            list.add(new Attribute(AttributeName.of(name), AttributeValue.of(parameters.get(name).orElse(""))));
        }
        attributes = List.copyOf(list);
    }

    @Override
    public void service(Mail mail) {
        attributes.forEach(mail::setAttribute);
    }

    @Override
    public String getMailetInfo() {
        return "Set Mail Attribute Mailet";
    }
}

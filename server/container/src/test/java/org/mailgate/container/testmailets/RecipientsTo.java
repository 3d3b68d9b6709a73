package org.mailgate.container.testmailets;

import jakarta.mail.MessagingException;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Replaces the recipients with the one its {@code to} parameter names. */
public final class RecipientsTo extends GenericMailet {

    @Override
    public void service(Mail mail) throws MessagingException {
        mail.setRecipients(List.of(new MailAddress(getInitParameter("to"))));
    }
}

package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/** Drops the mail: it is done, nothing is delivered or kept. */
public final class Null extends GenericMailet {

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), Set.of());
    }

    @Override
    public void service(Mail mail) {
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Null Mailet";
    }
}

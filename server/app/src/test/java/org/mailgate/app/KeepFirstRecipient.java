package org.mailgate.app;

import java.util.List;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** A test mailet that drops every recipient but the first: a change a failed attempt must undo. */
public final class KeepFirstRecipient extends GenericMailet {

    @Override
    public void service(Mail mail) {
        mail.setRecipients(List.of(mail.getRecipients().iterator().next()));
    }
}

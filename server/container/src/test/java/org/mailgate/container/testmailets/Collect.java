package org.mailgate.container.testmailets;

import jakarta.inject.Inject;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Records the recipients of each mail it sees into the injected {@link Collected}, then ends the mail. */
public final class Collect extends GenericMailet {

    private final Collected collected;

    @Inject
    public Collect(Collected collected) {
        this.collected = collected;
    }

    @Override
    public void service(Mail mail) {
        collected.add(mail.getRecipients().stream().map(r -> r.getLocalPart()).sorted().toList().toString());
        mail.setState(Mail.GHOST);
    }
}

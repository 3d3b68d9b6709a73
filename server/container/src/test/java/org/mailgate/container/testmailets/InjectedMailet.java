package org.mailgate.container.testmailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/** Sets header X-Greeting from its collaborator and its required parameter {@code name}. */
public final class InjectedMailet extends GenericMailet {

    private final Greeter greeter;
    private String name;

    @Inject
    public InjectedMailet(Greeter greeter) {
        this.greeter = greeter;
    }

    @Override
    public void init() throws MessagingException {
        name = MailetParameters.of(getMailetConfig(), Set.of("name")).required("name");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        mail.getMessage().setHeader("X-Greeting", greeter.greet(name));
        mail.setState(Mail.GHOST);
    }
}

package org.mailgate.app;

import jakarta.inject.Inject;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.user.Users;

/** A test mailet with a side effect on the gateway's state: it creates an account for the sender. */
public final class AccountCreatingMailet extends GenericMailet {

    private final Users users;

    @Inject
    public AccountCreatingMailet(Users users) {
        this.users = users;
    }

    @Override
    public void service(Mail mail) {
        users.add(Username.of(mail.getMaybeSender().get().asString()), "a-long-enough-passphrase-42");
    }
}

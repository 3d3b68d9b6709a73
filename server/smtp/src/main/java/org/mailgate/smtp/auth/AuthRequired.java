package org.mailgate.smtp.auth;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** Runs a command only after AUTH on a server with {@code <auth><required>true}; else 530 5.7.0. */
public final class AuthRequired implements Command {

    private final Command command;

    public AuthRequired(Command command) {
        this.command = command;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (session.config().auth().required() && session.authenticatedUser().isEmpty()) {
            session.reply(Replies.AUTH_REQUIRED);
            return;
        }
        command.execute(session, argument);
    }
}

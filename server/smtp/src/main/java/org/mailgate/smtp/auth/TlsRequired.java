package org.mailgate.smtp.auth;

import java.io.IOException;
import org.mailgate.smtp.config.AuthConfig;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** Runs AUTH only over TLS when the server's {@code <auth><requireSSL>} says so; else 538 5.7.11. */
public final class TlsRequired implements Command {

    private final Command command;

    public TlsRequired(Command command) {
        this.command = command;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        AuthConfig auth = session.config().auth();
        // A server that offers no AUTH says so (502) rather than asking for TLS first.
        if (auth.plainAuthEnabled() && auth.requireSSL() && session.tls().isEmpty()) {
            session.reply(Replies.AUTH_NEEDS_TLS);
            return;
        }
        command.execute(session, argument);
    }
}

package org.mailgate.smtp.command;

import java.io.IOException;
import java.util.Optional;
import org.mailgate.smtp.hook.Hooks;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** HELO: plain SMTP greeting, no extensions. */
final class Helo implements Command {

    private final Hooks hooks;

    Helo(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.reply(Reply.plain(501, "Syntax: HELO hostname"));
            return;
        }
        Optional<Reply> refused = hooks.onHelo(session, name);
        if (refused.isPresent()) {
            session.reply(refused.get());
            return;
        }
        session.greeted(name, false);
        session.reply(Reply.plain(250, session.config().helloName() + " Hello " + name + " [" + session.remoteLiteral() + "]"));
    }
}

package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** HELO: plain SMTP greeting, no extensions. */
final class Helo implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.reply(Reply.plain(501, "Syntax: HELO hostname"));
            return;
        }
        session.greeted(name, false);
        session.reply(Reply.plain(250, session.config().helloName() + " Hello " + name + " [" + session.remoteIp() + "]"));
    }
}

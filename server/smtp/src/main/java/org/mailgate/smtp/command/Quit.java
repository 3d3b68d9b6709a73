package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** QUIT: says goodbye and ends the session. */
final class Quit implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!argument.isBlank()) {
            session.reply(Replies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        session.reply(Replies.BYE);
        session.quit();
    }
}

package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** RSET: drops the transaction, keeps the greeting. */
final class Rset implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (!argument.isBlank()) {
            session.reply(Replies.NO_ARGUMENTS_ALLOWED);
            return;
        }
        session.endTransaction();
        session.reply(Replies.RESET);
    }
}

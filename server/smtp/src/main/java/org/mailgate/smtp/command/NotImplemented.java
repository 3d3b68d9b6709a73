package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** Commands SMTP knows that this server does not offer (EXPN, STARTTLS, AUTH, BDAT...): 502. */
final class NotImplemented implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        session.reply(Replies.NOT_IMPLEMENTED);
    }
}

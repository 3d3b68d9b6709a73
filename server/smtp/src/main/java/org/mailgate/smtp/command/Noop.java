package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** NOOP: an argument is allowed and ignored (RFC 5321 4.1.1.9). */
final class Noop implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        session.reply(Replies.OK);
    }
}

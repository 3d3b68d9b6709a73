package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** VRFY: answers 252 whatever the address, so it tells nothing about users (RFC 5321 3.5.3). */
final class Vrfy implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (argument.isBlank()) {
            session.reply(Reply.of(501, "5.5.4", "Syntax: VRFY address"));
            return;
        }
        session.reply(Replies.VRFY);
    }
}

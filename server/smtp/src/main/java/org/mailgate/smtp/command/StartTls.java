package org.mailgate.smtp.command;

import java.io.IOException;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/** STARTTLS (RFC 3207): turns the plain connection into a TLS one; the session starts over inside it. */
final class StartTls implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        if (session.tls().isPresent()) {
            session.reply(Replies.TLS_ALREADY_ACTIVE);
        } else if (!argument.isEmpty()) {
            session.reply(Replies.NO_ARGUMENTS_ALLOWED);
        } else if (!session.offersStartTls()) {
            session.reply(Replies.NOT_IMPLEMENTED);
        } else if (!session.tlsAvailable()) {
            session.reply(Replies.TLS_UNAVAILABLE);
        } else {
            session.reply(Replies.READY_TO_START_TLS);
            session.startTls();
        }
    }
}

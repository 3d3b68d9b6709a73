package org.mailgate.smtp.command;

import java.io.IOException;
import java.util.List;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** HELP: lists the commands. */
final class Help implements Command {

    private static final Reply HELP = new Reply(214, "2.0.0", List.of(
            "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT HELP VRFY",
            "See RFC 5321 for their use"));

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        session.reply(HELP);
    }
}

package org.mailgate.smtp.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.smtp.auth.AuthAnnouncement;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** EHLO: greets and lists the ESMTP extensions (RFC 5321 4.1.1.1). */
final class Ehlo implements Command {

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.reply(Reply.plain(501, "Syntax: EHLO hostname"));
            return;
        }
        session.greeted(name, true);
        List<String> lines = new ArrayList<>();
        lines.add(session.config().helloName() + " Hello " + name + " [" + session.remoteIp() + "]");
        lines.add("PIPELINING");
        long max = session.config().maxMessageSize();
        lines.add(max > 0 ? "SIZE " + max : "SIZE");
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("DSN");
        AuthAnnouncement.ehloLine(session).ifPresent(lines::add);
        session.reply(new Reply(250, "", lines));
    }
}

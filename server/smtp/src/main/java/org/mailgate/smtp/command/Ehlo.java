package org.mailgate.smtp.command;

import java.io.IOException;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.smtp.auth.AuthAnnouncement;
import org.mailgate.smtp.hook.Hooks;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/** EHLO: greets and lists the ESMTP extensions (RFC 5321 4.1.1.1). */
final class Ehlo implements Command {

    private final Hooks hooks;

    Ehlo(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void execute(SmtpSession session, String argument) throws IOException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            session.reply(Reply.plain(501, "Syntax: EHLO hostname"));
            return;
        }
        Optional<Reply> refused = hooks.onHelo(session, name);
        if (refused.isPresent()) {
            session.reply(refused.get());
            return;
        }
        session.greeted(name, true);
        List<String> lines = new ArrayList<>();
        lines.add(session.config().helloName() + " Hello " + name + " [" + session.remoteLiteral() + "]");
        lines.add("PIPELINING");
        long max = session.config().maxMessageSize();
        lines.add(max > 0 ? "SIZE " + max : "SIZE");
        lines.add("8BITMIME");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("DSN");
        if (session.offersStartTls()) {
            lines.add("STARTTLS");
        }
        AuthAnnouncement.ehloLine(session).ifPresent(lines::add);
        session.reply(new Reply(250, "", lines));
    }
}

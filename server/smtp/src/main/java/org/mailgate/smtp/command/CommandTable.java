package org.mailgate.smtp.command;

import java.util.Map;
import java.util.Optional;
import org.mailgate.smtp.auth.Auth;
import org.mailgate.smtp.auth.AuthRequired;
import org.mailgate.smtp.auth.TlsRequired;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.CommandLookup;

/** Every command the server understands, in one place. */
public final class CommandTable implements CommandLookup {

    private final Map<String, Command> commands;

    public CommandTable() {
        Command notImplemented = new NotImplemented();
        this.commands = Map.ofEntries(
                Map.entry("EHLO", new Ehlo()),
                Map.entry("HELO", new Helo()),
                Map.entry("MAIL", new AuthRequired(new Mail())),
                Map.entry("RCPT", new Rcpt()),
                Map.entry("DATA", new Data()),
                Map.entry("RSET", new Rset()),
                Map.entry("NOOP", new Noop()),
                Map.entry("QUIT", new Quit()),
                Map.entry("HELP", new Help()),
                Map.entry("VRFY", new Vrfy()),
                Map.entry("EXPN", notImplemented),
                Map.entry("STARTTLS", notImplemented),
                Map.entry("AUTH", new TlsRequired(new Auth())),
                Map.entry("BDAT", notImplemented),
                Map.entry("ETRN", notImplemented),
                Map.entry("TURN", notImplemented));
    }

    @Override
    public Optional<Command> find(String verb) {
        return Optional.ofNullable(commands.get(verb));
    }
}

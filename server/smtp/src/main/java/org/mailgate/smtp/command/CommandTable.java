package org.mailgate.smtp.command;

import java.util.Map;
import java.util.Optional;
import org.mailgate.smtp.auth.Auth;
import org.mailgate.smtp.auth.AuthRequired;
import org.mailgate.smtp.auth.TlsRequired;
import org.mailgate.smtp.hook.Hooks;
import org.mailgate.smtp.session.Command;
import org.mailgate.smtp.session.CommandLookup;

/** Every command the server understands, in one place. */
public final class CommandTable implements CommandLookup {

    private final Map<String, Command> commands;

    /** The commands without sender checks. */
    public CommandTable() {
        this(Hooks.none());
    }

    /** The commands, running {@code hooks} at HELO/EHLO, MAIL and RCPT. */
    public CommandTable(Hooks hooks) {
        Command notImplemented = new NotImplemented();
        this.commands = Map.ofEntries(
                Map.entry("EHLO", new Ehlo(hooks)),
                Map.entry("HELO", new Helo(hooks)),
                Map.entry("MAIL", new AuthRequired(new Mail(hooks))),
                Map.entry("RCPT", new Rcpt(hooks)),
                Map.entry("DATA", new Data()),
                Map.entry("RSET", new Rset()),
                Map.entry("NOOP", new Noop()),
                Map.entry("QUIT", new Quit()),
                Map.entry("HELP", new Help()),
                Map.entry("VRFY", new Vrfy()),
                Map.entry("EXPN", notImplemented),
                Map.entry("STARTTLS", new StartTls()),
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

package org.mailgate.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mailgate.app.admincli.AdminCli;
import org.mailgate.app.cli.CommandLine;

/**
 * Runs {@code mailgate COMMAND ... --conf CONF --var VAR} as Main would, with a given standard input and
 * no terminal, and keeps what the last run printed.
 */
final class AdminCommand {

    private final Path conf;
    private final Path var;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    AdminCommand(Path conf, Path var) {
        this.conf = conf;
        this.var = var;
    }

    /** The exit status of {@code mailgate ARGS} reading {@code stdin}. */
    int run(String stdin, String... args) {
        out.reset();
        err.reset();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--conf", conf.toString(), "--var", var.toString()))
                .toArray(String[]::new);
        CommandLine line;
        try {
            line = CommandLine.parse(all, var.getParent());
        } catch (CommandLine.UsageException e) {
            throw new AssertionError(e);
        }
        return new AdminCli(line.confDir(), line.varDir(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(line.command(), line.arguments());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

package org.mailgate.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mailgate.app.admincli.AdminCli;
import org.mailgate.app.cli.CommandLine;

/**
 * Runs the admin commands ({@code queue}, {@code repo}, {@code trace}) as Main would, with
 * {@code --conf DIR/cli-conf --var DIR/var}, keeping what they print.
 */
final class AdminCliRunner {

    private final Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    AdminCliRunner(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code mailgate ARGS --conf cli-conf --var var}; the exit status. */
    int run(String... args) {
        out.reset();
        err.reset();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--conf", dir.resolve("cli-conf").toString(),
                "--var", dir.resolve("var").toString())).toArray(String[]::new);
        CommandLine line;
        try {
            line = CommandLine.parse(all, dir);
        } catch (CommandLine.UsageException e) {
            throw new AssertionError(e);
        }
        return new AdminCli(line.confDir(), line.varDir(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(line.command(), line.arguments());
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

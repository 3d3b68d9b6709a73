package org.mailgate.app;

import java.nio.file.Path;

/**
 * Runs the admin commands ({@code queue}, {@code repo}, {@code trace}...) as Main would, with
 * {@code --conf DIR/cli-conf --var DIR/var} and an empty standard input, keeping what they print.
 */
final class AdminCliRunner {

    private final AdminCommand command;

    AdminCliRunner(Path dir) {
        this.command = new AdminCommand(dir.resolve("cli-conf"), dir.resolve("var"));
    }

    /** Runs {@code mailgate ARGS --conf cli-conf --var var}; the exit status. */
    int run(String... args) {
        return command.run("", args);
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }
}

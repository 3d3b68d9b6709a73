package org.mailgate.app.admincli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where {@code mailgate users add|passwd} gets the password: asked twice on the terminal without echo,
 * or, with {@code --password-stdin}, the first line of standard input.
 */
final class PasswordPrompt {

    private final InputStream stdin;
    private final Console console;

    /** {@code console}: the terminal, or null when there is none. */
    PasswordPrompt(InputStream stdin, Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    String read(boolean fromStdin, String name) throws CliFailure {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw CliFailure.error("cannot read the password from standard input: " + e.getMessage());
            }
        }
        if (console == null) {
            throw CliFailure.error("no terminal to read the password from: use --password-stdin");
        }
        char[] first = console.readPassword("Password for %s: ", name);
        char[] again = console.readPassword("Same password again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw CliFailure.error("the two passwords differ; nothing changed");
            }
            return new String(first);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, '\0');
            Arrays.fill(again == null ? new char[0] : again, '\0');
        }
    }
}

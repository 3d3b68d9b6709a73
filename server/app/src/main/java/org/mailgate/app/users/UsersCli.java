package org.mailgate.app.users;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.api.ErrorCode;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2Users;
import org.mailgate.spool.SpoolSettings;

/**
 * {@code mailgate users add|passwd|remove|list}: manages the SMTP AUTH accounts in {@code var/}. With the
 * gateway stopped it opens the store itself; while the gateway runs (the store is locked by it) it asks
 * the gateway through {@link ControlSocket}. The password is read from the terminal without echo, twice,
 * or with {@code --password-stdin} as the first line of standard input.
 */
public final class UsersCli {

    public static final String USAGE = """
            usage: mailgate users add|passwd NAME [--password-stdin] [--var DIR]
                   mailgate users remove NAME [--var DIR]
                   mailgate users list [--var DIR]
              NAME              the account: a full address, such as alice@example.com
              --password-stdin  read the password from the first line of standard input (else: the terminal)""";

    private final Path varDir;
    private final InputStream stdin;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;

    public UsersCli(Path varDir, InputStream stdin, Console console, PrintStream out, PrintStream err) {
        this.varDir = varDir;
        this.stdin = stdin;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the exit status: 0 done, 1 refused or failed, 2 bad usage. */
    public int run(List<String> arguments) {
        List<String> words = new ArrayList<>(arguments);
        boolean passwordStdin = words.remove("--password-stdin");
        if (words.isEmpty() || !UserRequest.ACTIONS.contains(words.get(0))) {
            return usage(words.isEmpty() ? "users needs an action" : "unknown users action '" + words.get(0) + "'");
        }
        String action = words.get(0);
        int wantedWords = action.equals("list") ? 1 : 2;
        if (words.size() != wantedWords) {
            return usage(action.equals("list") ? "users list takes no name" : "users " + action + " needs one NAME");
        }
        String name = wantedWords == 2 ? words.get(1) : "";
        try {
            if (!name.isEmpty()) {
                UserRequest.checkName(name);
            }
            UserRequest request = new UserRequest(action, name, "");
            if (request.needsPassword()) {
                request = new UserRequest(action, name, password(passwordStdin, name));
            }
            return print(execute(request));
        } catch (IllegalArgumentException | IOException e) {
            err.println("mailgate users: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("mailgate users: " + problem);
        err.println(USAGE);
        return 2;
    }

    private int print(UserRequest.Result result) {
        if (result.ok()) {
            if (!result.text().isEmpty()) {
                out.println(result.text());
            }
            return 0;
        }
        err.println("mailgate users: " + result.text());
        return 1;
    }

    private String password(boolean fromStdin, String name) throws IOException {
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
        if (console == null) {
            throw new IOException("no terminal to read the password from: use --password-stdin");
        }
        char[] first = console.readPassword("Password for %s: ", name);
        char[] again = console.readPassword("Same password again: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                throw new IOException("the two passwords differ; nothing changed");
            }
            return new String(first);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, '\0');
            Arrays.fill(again == null ? new char[0] : again, '\0');
        }
    }

    /** Opens the store when it is free, else asks the running gateway. */
    private UserRequest.Result execute(UserRequest request) throws IOException {
        Database database = new Database(SpoolSettings.defaults(varDir));
        try {
            database.start();
        } catch (SQLException e) {
            if (e.getCause() instanceof SQLException cause && cause.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                database.stop();
                return viaGateway(request);
            }
            database.stop();
            throw new IOException("cannot open the store in " + varDir + ": " + e.getMessage(), e);
        }
        try {
            return request.runOn(new H2Users(database));
        } finally {
            database.stop();
        }
    }

    private UserRequest.Result viaGateway(UserRequest request) throws IOException {
        Path socket = ControlSocket.socketFile(varDir);
        if (!Files.exists(socket)) {
            throw new IOException("the store in " + varDir + " is in use by a running gateway that offers no "
                    + "control socket (" + socket + "); stop the gateway and try again");
        }
        String text = "users " + request.action() + (request.name().isEmpty() ? "" : " " + request.name()) + "\n"
                + (request.needsPassword() ? request.password() + "\n" : "");
        return ControlClient.ask(socket, text);
    }
}

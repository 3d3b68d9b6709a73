package org.mailgate.app.admincli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mailgate queue ...}, {@code mailgate repo ...} and {@code mailgate trace ...}: the operator's commands over the admin API of
 * the running gateway, found through {@code conf/webadmin.properties} and {@code var/webadmin.token}.
 * Tables by default, the API's JSON with {@code --json}. Exit status 0, 1 for an error, 2 for a wrong
 * command line.
 */
public final class AdminCli {

    public static final String USAGE = """
            usage: mailgate queue list [NAME] [--json]
                   mailgate queue flush NAME
                   mailgate queue delete NAME [--sender S | --recipient R | --name ID] [--json]
                   mailgate repo list [--json]
                   mailgate repo show PATH [KEY] [--json | --raw]
                   mailgate repo reprocess PATH [KEY] [--processor P] [--json]
                   mailgate repo delete PATH [KEY] [--json]
                   mailgate trace --from SENDER --to RCPT[,RCPT...] [--remote-ip IP] [--auth USER]
                                  [--helo NAME] [--json] FILE
              (all take --conf DIR and --var DIR to find the admin API's address and token)""";

    private final Path confDir;
    private final Path varDir;
    private final PrintStream out;
    private final PrintStream err;

    public AdminCli(Path confDir, Path varDir, PrintStream out, PrintStream err) {
        this.confDir = confDir;
        this.varDir = varDir;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code command} ({@code queue}, {@code repo} or {@code trace}) with its arguments; the exit status. */
    public int run(String command, List<String> arguments) {
        try {
            if (command.equals("trace")) {
                return new TraceCommand(http(), out).run(arguments);
            }
            if (arguments.isEmpty()) {
                throw CliFailure.usage(command + " needs an action");
            }
            String action = arguments.getFirst();
            List<String> rest = arguments.subList(1, arguments.size());
            return switch (command) {
                case "queue" -> new QueueCommands(http(), out).run(action, rest);
                case "repo" -> new RepoCommands(http(), out).run(action, rest);
                default -> throw CliFailure.usage("unknown command '" + command + "'");
            };
        } catch (CliFailure failure) {
            err.println("mailgate " + command + ": " + failure.getMessage());
            if (failure.exitStatus() == 2) {
                err.println(USAGE);
            }
            return failure.exitStatus();
        }
    }

    private AdminHttp http() {
        return new AdminHttp(() -> AdminEndpoint.locate(confDir, varDir));
    }
}

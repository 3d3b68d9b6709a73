package org.mailgate.app.admincli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mailgate queue|repo|task|domains|users|mappings|trace ...}: the operator's commands over the admin API of
 * the running gateway, found through {@code conf/webadmin.properties} and {@code var/webadmin.token}.
 * Tables by default, the API's JSON with {@code --json}. Exit status 0, 1 for an error, 2 for a wrong
 * command line.
 */
public final class AdminCli {

    public static final String USAGE = """
            usage: mailgate queue list [NAME [FILTERS] [--limit N]] [--json]
                   mailgate queue show NAME ID [--json | --raw]
                   mailgate queue flush NAME [ID | --domain D]
                   mailgate queue hold|release|delete|bounce NAME (ID | FILTERS | --all) [--no-wait] [--json]
                   mailgate queue move NAME (ID | FILTERS | --all) --to REPOSITORY [--no-wait] [--json]
                   mailgate repo list [--json]
                   mailgate repo show PATH [KEY] [--json | --raw]
                   mailgate repo reprocess PATH [KEY] [--processor P] [--no-wait] [--json]
                   mailgate repo delete PATH [KEY] [--no-wait] [--json]
                   mailgate task list [--status S] [--json]
                   mailgate task show ID [--json]
                   mailgate task cancel ID
                   mailgate domains list [--json]
                   mailgate domains add|remove DOMAIN
                   mailgate users list [--json]
                   mailgate users add|passwd NAME [--password-stdin]
                   mailgate users remove NAME
                   mailgate mappings list [SOURCE] [--json]
                   mailgate mappings add|remove SOURCE MAPPING
                   mailgate trace --from SENDER --to RCPT[,RCPT...] [--remote-ip IP] [--auth USER]
                                  [--helo NAME] [--json] FILE
              FILTERS  (ANDed): --sender S --recipient R --name N --domain D --older-than AGE (2h, 3d, PT30M)
                       --last-error TEXT --delayed --held
                       actions on many mails run as tasks of the gateway, waited for unless --no-wait;
                       the spool is the read-only queue 'spool'
              NAME     an account: a full address, such as alice@example.com
              --password-stdin  read the password from the first line of standard input (else: asked
                       twice on the terminal, without echo)
              SOURCE   user@domain, *@domain or user@*
              MAPPING  as in recipientrewritetable.xml: an address, domain:D, regex:PATTERN:REPLACEMENT,
                       error:TEXT, forward:A, group:A or alias:A
              (all take --conf DIR and --var DIR to find the admin API's address and token)""";

    private final Path confDir;
    private final Path varDir;
    private final PasswordPrompt passwords;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code console}: the terminal passwords are asked on, null when there is none. */
    public AdminCli(Path confDir, Path varDir, InputStream stdin, Console console, PrintStream out, PrintStream err) {
        this.confDir = confDir;
        this.varDir = varDir;
        this.passwords = new PasswordPrompt(stdin, console);
        this.out = out;
        this.err = err;
    }

    /** Runs {@code command} ({@code queue}, {@code repo}, {@code task}, {@code domains}, {@code trace}…) with its arguments; the exit status. */
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
                case "task" -> new TaskCommands(http(), out).run(action, rest);
                case "domains" -> new DomainCommands(http(), out).run(action, rest);
                case "users" -> new UserCommands(http(), passwords, out).run(action, rest);
                case "mappings" -> new MappingCommands(http(), out).run(action, rest);
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

package org.mailgate.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mailgate [run|check] [--conf DIR] [--var DIR]}, {@code mailgate reload [--var DIR]}, and
 * {@code mailgate queue|repo|task|domains|users|mappings|trace ...}, whose own arguments (the action, names, their
 * options) are kept in {@code arguments}. Without options, {@code conf/} and {@code var/} beside
 * {@code bin/} (the launcher passes {@code mailgate.home}).
 */
public record CommandLine(String command, Path confDir, Path varDir, List<String> arguments) {

    public static final String USAGE = """
            usage: mailgate [run|check] [--conf DIR] [--var DIR]
                   mailgate reload [--var DIR]
                   mailgate queue|repo|task|domains|users|mappings ACTION ... [--json] [--conf DIR] [--var DIR]
                   mailgate trace --from SENDER --to RCPT[,RCPT...] [--remote-ip IP] [--auth USER]
                                  [--helo NAME] [--json] [--conf DIR] [--var DIR] FILE
              run       run the gateway in the foreground (the default); stop it with SIGTERM
              check     validate the configuration and list every error; exit 1 if there is one
              reload    make the running gateway reload mailetcontainer.xml, domainlist.xml and
                        recipientrewritetable.xml (as SIGHUP does); exit 1 listing the errors if invalid
              queue     list, show, flush, hold, release, delete, bounce or move the mail waiting for
                        remote delivery; list and show the spool ('mailgate queue' for help)
              repo      list, show, reprocess or delete the mail kept in repositories ('mailgate repo' for help)
              task      list, show or cancel the gateway's long operations ('mailgate task' for help)
              domains   list, add or remove local domains ('mailgate domains' for help)
              users     list, add, remove the SMTP AUTH accounts or change a password ('mailgate users' for help)
              mappings  list, add or remove recipient rewrite mappings ('mailgate mappings' for help)
              trace     dry run of the message in FILE through the running gateway's pipeline: each
                        processor, matcher result and mailet change, and where each recipient would end
                        up; nothing is stored or delivered ('mailgate trace' for help)
                        queue, repo, task, domains, users, mappings and trace work on the running gateway through its
                        admin API (webadmin.properties)
              --conf    configuration directory (default: conf/ beside bin/)
              --var     state directory: the H2 store, generated certificates and admin token, the control
                        socket, temporary files (default: var/ beside bin/)""";

    /** The commands over the admin API, whose own options are kept in {@code arguments}. */
    private static final List<String> ADMIN_COMMANDS = List.of("queue", "repo", "task", "domains", "users", "mappings", "trace");

    /** Thrown for a command line that cannot be understood. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String[] args, Path home) throws UsageException {
        String command = null;
        Path conf = null;
        Path var = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--conf" -> conf = Path.of(value(args, ++i, arg));
                case "--var" -> var = Path.of(value(args, ++i, arg));
                case "-h", "--help", "help" -> command = "help";
                default -> {
                    if (arg.startsWith("--conf=")) {
                        conf = Path.of(arg.substring("--conf=".length()));
                    } else if (arg.startsWith("--var=")) {
                        var = Path.of(arg.substring("--var=".length()));
                    } else if (arg.startsWith("--") && ADMIN_COMMANDS.contains(command)) {
                        rest.add(arg);
                    } else if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + arg);
                    } else if (command == null) {
                        command = arg;
                    } else {
                        rest.add(arg);
                    }
                }
            }
        }
        command = Optional.ofNullable(command).orElse("run");
        if (!List.of("run", "check", "help", "reload").contains(command) && !ADMIN_COMMANDS.contains(command)) {
            throw new UsageException("unknown command '" + command + "'");
        }
        if (!rest.isEmpty() && !ADMIN_COMMANDS.contains(command)) {
            throw new UsageException("unexpected arguments: " + String.join(" ", rest));
        }
        return new CommandLine(command, conf != null ? conf : home.resolve("conf"),
                var != null ? var : home.resolve("var"), rest);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a directory");
        }
        return args[index];
    }
}

package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.mail.internet.AddressException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;

/** {@code mailgate users list | add NAME | passwd NAME | remove NAME}: the SMTP AUTH accounts. */
final class UserCommands {

    private final AdminHttp http;
    private final PasswordPrompt passwords;
    private final PrintStream out;

    UserCommands(AdminHttp http, PasswordPrompt passwords, PrintStream out) {
        this.http = http;
        this.passwords = passwords;
        this.out = out;
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(0, 0, "users list"));
            case "add", "passwd" -> setPassword(action, Arguments.parse(rest, Set.of("--password-stdin"), Set.of())
                    .expect(1, 1, "users " + action + " NAME [--password-stdin]"));
            case "remove" -> remove(name(Arguments.parse(rest, Set.of(), Set.of()).expect(1, 1, "users remove NAME")));
            default -> throw CliFailure.usage("unknown users action '" + action
                    + "'; expected list, add, passwd or remove");
        };
    }

    /** Account names are full addresses, as James keeps them with virtual hosting. */
    private static String name(Arguments args) throws CliFailure {
        String name = args.at(0).orElseThrow();
        try {
            return new MailAddress(name).asString().toLowerCase(Locale.ROOT);
        } catch (AddressException | IllegalArgumentException e) {
            throw CliFailure.error("user names are full addresses such as alice@example.com, not '" + name + "'");
        }
    }

    private static String path(String name) {
        return "/users/" + AdminHttp.encode(name);
    }

    private int list(Arguments args) throws CliFailure {
        AdminHttp.Answer answer = http.send("GET", "/users", message -> message);
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        Table table = new Table("USER");
        for (JsonNode user : answer.json()) {
            table.row(user.path("username").asText());
        }
        table.print(out);
        return 0;
    }

    /** {@code add} refuses an existing account, {@code passwd} a missing one, before asking for the password. */
    private int setPassword(String action, Arguments args) throws CliFailure {
        String name = name(args);
        boolean exists = http.exists("HEAD", path(name));
        if (action.equals("add") && exists) {
            throw CliFailure.error("user " + name + " exists already");
        }
        if (action.equals("passwd") && !exists) {
            throw CliFailure.error("no such user: " + name);
        }
        String password = passwords.read(args.has("--password-stdin"), name);
        String body = JsonNodeFactory.instance.objectNode().put("password", password).toString();
        http.send("PUT", path(name), Optional.of(body), Optional.empty(), message -> message);
        out.println(action.equals("add") ? "user " + name + " added" : "password of " + name + " changed");
        return 0;
    }

    private int remove(String name) throws CliFailure {
        http.send("DELETE", path(name), message -> "no such user: " + name);
        out.println("user " + name + " removed");
        return 0;
    }
}

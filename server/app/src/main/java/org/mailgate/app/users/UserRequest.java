package org.mailgate.app.users;

import jakarta.mail.internet.AddressException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;

/**
 * One {@code mailgate users} action, run against an account store: in the CLI's own process when the
 * gateway is stopped, or inside the running gateway through its {@link ControlSocket}.
 *
 * @param action   add, passwd, remove or list
 * @param name     the account, a full address such as alice@example.com ("" for list)
 * @param password the new password for add and passwd ("" otherwise); never logged
 */
public record UserRequest(String action, String name, String password) {

    static final List<String> ACTIONS = List.of("add", "passwd", "remove", "list");

    /** What came of a request: the text to print and whether it succeeded. */
    public record Result(boolean ok, String text) {
        static Result ok(String text) {
            return new Result(true, text);
        }

        static Result error(String text) {
            return new Result(false, text);
        }
    }

    public UserRequest {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "'");
        }
    }

    /** Whether the action sets a password. */
    public boolean needsPassword() {
        return action.equals("add") || action.equals("passwd");
    }

    @Override
    public String toString() {
        return "UserRequest[" + action + " " + name + "]";
    }

    /** Account names are full addresses, as James stores them with virtual hosting. */
    static String checkName(String name) {
        try {
            return new MailAddress(name).asString().toLowerCase(Locale.ROOT);
        } catch (AddressException | IllegalArgumentException e) {
            throw new IllegalArgumentException("user names are full addresses such as alice@example.com, not '"
                    + name + "'");
        }
    }

    public Result runOn(Users users) {
        try {
            return switch (action) {
                case "list" -> Result.ok(users.list().stream().map(Username::asString)
                        .collect(Collectors.joining("\n")));
                case "add" -> {
                    users.add(Username.of(checkName(name)), password);
                    yield Result.ok("user " + checkName(name) + " added");
                }
                case "passwd" -> {
                    users.setPassword(Username.of(checkName(name)), password);
                    yield Result.ok("password of " + checkName(name) + " changed");
                }
                default -> users.remove(Username.of(checkName(name))) ? Result.ok("user " + checkName(name)
                        + " removed") : Result.error("no such user: " + checkName(name));
            };
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
            return Result.error(e.getMessage());
        }
    }
}

package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One mail of a queue or a repository as {@code queue show} and {@code repo show} print it, and the
 * message when it or its place is missing.
 */
final class OneMail {

    private OneMail() {
    }

    /**
     * The message for a 404 of a request about {@code place} ({@code "queue outgoing"},
     * {@code "repository var/mail/error/"}) or its mail {@code id}: the API's says which one is missing.
     */
    static Function<String, String> notFound(String kind, String place, Optional<String> id) {
        return message -> message.startsWith("no mail") && id.isPresent()
                ? "no such mail: " + id.get() + " in " + kind + " " + place
                : "no such " + kind + ": " + place;
    }

    /**
     * Fetches the mail at {@code path} and prints it: the message itself with {@code --raw}, the API's JSON
     * with {@code --json}, else a FIELD/VALUE table.
     */
    static void show(AdminHttp http, String path, Arguments args, Function<String, String> notFound, PrintStream out)
            throws CliFailure {
        if (args.has("--raw")) {
            printRaw(http.send("GET", path, Optional.empty(), Optional.of("message/rfc822"), notFound), out);
        } else {
            print(http.send("GET", path, notFound), args.has("--json"), out);
        }
    }

    private static void printRaw(AdminHttp.Answer raw, PrintStream out) throws CliFailure {
        try {
            out.write(raw.body());
        } catch (IOException e) {
            throw CliFailure.error("cannot write the message: " + e.getMessage());
        }
        out.flush();
    }

    private static void print(AdminHttp.Answer answer, boolean json, PrintStream out) throws CliFailure {
        if (json) {
            out.println(answer.text());
            return;
        }
        JsonNode mail = answer.json();
        Table table = new Table("FIELD", "VALUE");
        for (Iterator<Map.Entry<String, JsonNode>> fields = mail.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = switch (field.getKey()) {
                case "sender" -> Texts.sender(mail);
                case "recipients" -> Texts.recipients(mail);
                default -> Texts.oneLine(field.getValue());
            };
            table.row(field.getKey(), value);
        }
        table.print(out);
    }
}

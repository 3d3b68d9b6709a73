package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code mailgate queue list [NAME] | flush NAME | delete NAME [--sender S | --recipient R | --name ID]}. */
final class QueueCommands {

    private final AdminHttp http;
    private final PrintStream out;

    QueueCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(0, 1, "queue list [NAME]"));
            case "flush" -> flush(Arguments.parse(rest, Set.of(), Set.of()).expect(1, 1, "queue flush NAME"));
            case "delete" -> delete(Arguments.parse(rest, Set.of("--json"), Set.of("--sender", "--recipient", "--name"))
                    .expect(1, 1, "queue delete NAME [--sender S | --recipient R | --name ID]"));
            default -> throw CliFailure.usage("unknown queue action '" + action + "'; expected list, flush or delete");
        };
    }

    private static String noSuchQueue(String name) {
        return "no such queue: " + name;
    }

    private AdminHttp.Answer get(String path, String queue) throws CliFailure {
        return http.send("GET", path, Optional.empty(), Optional.empty(), message -> noSuchQueue(queue));
    }

    private int list(Arguments args) throws CliFailure {
        if (args.at(0).isPresent()) {
            return mails(args.at(0).get(), args.has("--json"));
        }
        AdminHttp.Answer names = get("/mailQueues", "");
        if (args.has("--json")) {
            out.println(names.text());
            return 0;
        }
        Table table = new Table("QUEUE", "SIZE");
        for (JsonNode name : names.json()) {
            JsonNode queue = get("/mailQueues/" + AdminHttp.encode(name.asText()), name.asText()).json();
            table.row(name.asText(), queue.path("size").asText());
        }
        table.print(out);
        return 0;
    }

    private int mails(String queue, boolean json) throws CliFailure {
        AdminHttp.Answer answer = get("/mailQueues/" + AdminHttp.encode(queue) + "/mails", queue);
        if (json) {
            out.println(answer.text());
            return 0;
        }
        JsonNode mails = answer.json();
        if (mails.isEmpty()) {
            out.println("queue " + queue + " is empty");
            return 0;
        }
        Table table = new Table("ID", "SENDER", "RECIPIENTS", "NEXT ATTEMPT", "ATTEMPTS", "LAST ERROR");
        for (JsonNode mail : mails) {
            table.row(mail.path("name").asText(), Texts.sender(mail), Texts.recipients(mail),
                    mail.path("nextDelivery").asText(), mail.path("failedAttempts").asText(),
                    Texts.oneLine(mail.path("lastError")));
        }
        table.print(out);
        return 0;
    }

    private int flush(Arguments args) throws CliFailure {
        String queue = args.at(0).orElseThrow();
        http.send("PATCH", "/mailQueues/" + AdminHttp.encode(queue) + "?delayed=true",
                Optional.of("{\"delayed\": false}"), Optional.empty(), message -> noSuchQueue(queue));
        out.println("queue " + queue + " flushed: its deferred mails are due now");
        return 0;
    }

    private int delete(Arguments args) throws CliFailure {
        String queue = args.at(0).orElseThrow();
        Map<String, String> filters = args.options();
        if (filters.size() > 1) {
            throw CliFailure.usage("give at most one of --sender, --recipient and --name");
        }
        String query = filters.entrySet().stream()
                .map(e -> "?" + e.getKey().substring(2) + "=" + AdminHttp.encode(e.getValue()))
                .findFirst().orElse("");
        AdminHttp.Answer answer = http.send("DELETE", "/mailQueues/" + AdminHttp.encode(queue) + "/mails" + query,
                Optional.empty(), Optional.empty(), message -> noSuchQueue(queue));
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        JsonNode json = answer.json();
        out.println("removed " + json.path("removedCount").asLong() + " mail(s) from queue " + queue + "; "
                + json.path("remainingCount").asLong() + " remaining");
        return 0;
    }
}

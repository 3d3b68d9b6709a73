package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code mailgate queue list | show | flush | hold | release | delete | bounce | move}. A mail of a queue
 * is named by its id (the ID column of {@code queue list}). An action on many mails takes filters
 * ({@code --sender}, {@code --recipient}, {@code --name}, {@code --domain}, {@code --older-than},
 * {@code --last-error}, {@code --delayed}, {@code --held}), ANDed, or {@code --all}; it runs as a task of
 * the gateway, waited for unless {@code --no-wait}.
 */
final class QueueCommands {

    /** Filter options and the API's query parameter of each. */
    private static final Map<String, String> FILTER_OPTIONS = Map.of("--sender", "sender", "--recipient", "recipient",
            "--name", "name", "--domain", "domain", "--older-than", "olderThan", "--last-error", "lastError");
    private static final Map<String, String> FILTER_FLAGS = Map.of("--delayed", "delayed", "--held", "held");
    private static final String FILTERS = "[--sender S] [--recipient R] [--name N] [--domain D] [--older-than AGE] "
            + "[--last-error TEXT] [--delayed] [--held]";

    private final AdminHttp http;
    private final PrintStream out;
    private final TaskFollower tasks;

    QueueCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
        this.tasks = new TaskFollower(http, out);
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, with(FILTER_FLAGS.keySet(), "--json"),
                    with(FILTER_OPTIONS.keySet(), "--limit")).expect(0, 1, "queue list [NAME] " + FILTERS));
            case "show" -> show(Arguments.parse(rest, Set.of("--json", "--raw"), Set.of())
                    .expect(2, 2, "queue show NAME ID [--raw]"));
            case "flush" -> flush(Arguments.parse(rest, Set.of(), Set.of("--domain"))
                    .expect(1, 2, "queue flush NAME [ID | --domain D]"));
            case "hold", "release", "delete", "bounce" -> act(action, Arguments.parse(rest, actionFlags(),
                    FILTER_OPTIONS.keySet()).expect(1, 2, "queue " + action + " NAME (ID | " + FILTERS + " | --all)"),
                    Optional.empty());
            case "move" -> {
                Arguments args = Arguments.parse(rest, actionFlags(), with(FILTER_OPTIONS.keySet(), "--to"))
                        .expect(1, 2, "queue move NAME (ID | " + FILTERS + " | --all) --to REPOSITORY");
                yield act(action, args, Optional.of(args.option("--to").orElseThrow(() -> CliFailure.usage(
                        "queue move needs --to REPOSITORY, e.g. --to file://var/mail/quarantine/"))));
            }
            default -> throw CliFailure.usage("unknown queue action '" + action
                    + "'; expected list, show, flush, hold, release, delete, bounce or move");
        };
    }

    private static Set<String> with(Set<String> names, String... more) {
        Set<String> all = new java.util.HashSet<>(names);
        all.addAll(List.of(more));
        return all;
    }

    private static Set<String> actionFlags() {
        return with(FILTER_FLAGS.keySet(), "--json", "--all", "--no-wait");
    }

    private static String noSuchQueue(String name) {
        return "no such queue: " + name;
    }

    /** The message for a 404: the API's says whether the queue or the mail is missing. */
    private static Function<String, String> notFound(String queue, Optional<String> entry) {
        return OneMail.notFound("queue", queue, entry);
    }

    private static String queuePath(String queue) {
        return "/mailQueues/" + AdminHttp.encode(queue);
    }

    private static String mailPath(String queue, String entry) {
        return queuePath(queue) + "/mails/" + AdminHttp.encode(entry);
    }

    private AdminHttp.Answer get(String path, String queue) throws CliFailure {
        return http.send("GET", path, message -> noSuchQueue(queue));
    }

    /** The filter options given, as the API's query parameters. */
    private static Map<String, String> filters(Arguments args) {
        Map<String, String> query = new LinkedHashMap<>();
        FILTER_OPTIONS.forEach((option, param) -> args.option(option).ifPresent(v -> query.put(param, v)));
        FILTER_FLAGS.forEach((flag, param) -> {
            if (args.has(flag)) {
                query.put(param, "true");
            }
        });
        return query;
    }

    private static String query(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(name + "=" + AdminHttp.encode(value)));
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private int list(Arguments args) throws CliFailure {
        if (args.at(0).isPresent()) {
            return mails(args.at(0).get(), args);
        }
        if (!filters(args).isEmpty() || args.option("--limit").isPresent()) {
            throw CliFailure.usage("filters and --limit list the mails of one queue: give its NAME");
        }
        AdminHttp.Answer names = get("/mailQueues", "");
        if (args.has("--json")) {
            out.println(names.text());
            return 0;
        }
        Table table = new Table("QUEUE", "SIZE");
        for (JsonNode name : names.json()) {
            JsonNode queue = get(queuePath(name.asText()), name.asText()).json();
            table.row(name.asText(), queue.path("size").asText());
        }
        table.print(out);
        return 0;
    }

    private int mails(String queue, Arguments args) throws CliFailure {
        Map<String, String> params = filters(args);
        args.option("--limit").ifPresent(limit -> params.put("limit", limit));
        AdminHttp.Answer answer = get(queuePath(queue) + "/mails" + query(params), queue);
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        JsonNode mails = answer.json();
        if (mails.isEmpty()) {
            out.println(params.isEmpty() ? "queue " + queue + " is empty" : "no mail of queue " + queue + " matches");
            return 0;
        }
        Table table = new Table("ID", "SENDER", "RECIPIENTS", "NEXT ATTEMPT", "ATTEMPTS", "LAST ERROR");
        for (JsonNode mail : mails) {
            table.row(mail.path("id").asText(), Texts.sender(mail), Texts.recipients(mail),
                    mail.path("held").asBoolean() ? "held" : mail.path("nextDelivery").asText(),
                    mail.path("failedAttempts").asText(), Texts.oneLine(mail.path("lastError")));
        }
        table.print(out);
        return 0;
    }

    private int show(Arguments args) throws CliFailure {
        String queue = args.at(0).orElseThrow();
        String entry = args.at(1).orElseThrow();
        OneMail.show(http, mailPath(queue, entry), args, notFound(queue, Optional.of(entry)), out);
        return 0;
    }

    private int flush(Arguments args) throws CliFailure {
        String queue = args.at(0).orElseThrow();
        Optional<String> entry = args.at(1);
        Optional<String> domain = args.option("--domain");
        if (entry.isPresent() && domain.isPresent()) {
            throw CliFailure.usage("give an ID or --domain, not both");
        }
        if (entry.isPresent()) {
            http.send("PATCH", mailPath(queue, entry.get()) + "?action=flush", notFound(queue, entry));
            out.println("mail " + entry.get() + " of queue " + queue + " flushed: it is due now");
            return 0;
        }
        http.send("PATCH", queuePath(queue) + "?delayed=true" + domain.map(d -> "&domain=" + AdminHttp.encode(d))
                .orElse(""), Optional.of("{\"delayed\": false}"), Optional.empty(), message -> noSuchQueue(queue));
        out.println("queue " + queue + " flushed" + domain.map(d -> " for " + d).orElse("")
                + ": its deferred mails are due now");
        return 0;
    }

    /** hold, release, delete, bounce or move: one mail by its ID, or many by filter as a task. */
    private int act(String action, Arguments args, Optional<String> repository) throws CliFailure {
        String queue = args.at(0).orElseThrow();
        Optional<String> entry = args.at(1);
        Map<String, String> filters = filters(args);
        if (entry.isPresent() && (!filters.isEmpty() || args.has("--all"))) {
            throw CliFailure.usage("give an ID, or filters, or --all: not both");
        }
        if (entry.isEmpty() && filters.isEmpty() && !args.has("--all")) {
            throw CliFailure.usage("queue " + action + " needs an ID, filters, or --all for every mail of the queue");
        }
        if (entry.isEmpty() && !filters.isEmpty() && args.has("--all")) {
            throw CliFailure.usage("--all is for no filter at all: drop it or the filters");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!action.equals("delete")) {
            params.put("action", action);
        }
        repository.ifPresent(r -> params.put("repository", r));
        if (entry.isPresent()) {
            http.send(action.equals("delete") ? "DELETE" : "PATCH", mailPath(queue, entry.get()) + query(params),
                    notFound(queue, entry));
            out.println("mail " + entry.get() + " of queue " + queue + " " + done(action, repository));
            return 0;
        }
        params.putAll(filters);
        AdminHttp.Answer submitted = http.send(action.equals("delete") ? "DELETE" : "PATCH",
                queuePath(queue) + "/mails" + query(params), message -> noSuchQueue(queue));
        Optional<JsonNode> information = tasks.follow(submitted, !args.has("--no-wait"), args.has("--json"));
        if (information.isPresent()) {
            JsonNode info = information.get();
            long skipped = info.path("skippedCount").asLong();
            out.println(switch (action) {
                case "delete" -> "removed " + info.path("processedCount").asLong() + " mail(s) from queue " + queue
                        + "; " + info.path("remainingCount").asLong() + " remaining";
                default -> info.path("processedCount").asLong() + " mail(s) of queue " + queue + " "
                        + done(action, repository);
            } + (skipped > 0 ? "; " + skipped + " left alone (being delivered, or already so)" : ""));
        }
        return 0;
    }

    private static String done(String action, Optional<String> repository) {
        return switch (action) {
            case "hold" -> "held: not attempted until released";
            case "release" -> "released: due now";
            case "delete" -> "deleted";
            case "bounce" -> "returned to sender";
            default -> "moved to repository " + repository.orElseThrow();
        };
    }
}

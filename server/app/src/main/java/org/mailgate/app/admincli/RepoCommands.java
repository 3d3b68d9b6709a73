package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code mailgate repo list | show PATH [KEY] [--raw] | reprocess PATH [KEY] [--processor P] |
 * delete PATH [KEY]}. PATH is a repository's path as {@code repo list} prints it ({@code var/mail/error/})
 * or its URL. Reprocessing or deleting a whole repository runs as a task of the gateway, waited for
 * unless {@code --no-wait}.
 */
final class RepoCommands {

    private final AdminHttp http;
    private final PrintStream out;
    private final TaskFollower tasks;

    RepoCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
        this.tasks = new TaskFollower(http, out);
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(0, 0, "repo list"));
            case "show" -> show(Arguments.parse(rest, Set.of("--json", "--raw"), Set.of())
                    .expect(1, 2, "repo show PATH [KEY] [--raw]"));
            case "reprocess" -> reprocess(Arguments.parse(rest, Set.of("--json", "--no-wait"), Set.of("--processor"))
                    .expect(1, 2, "repo reprocess PATH [KEY] [--processor P] [--no-wait]"));
            case "delete" -> delete(Arguments.parse(rest, Set.of("--json", "--no-wait"), Set.of())
                    .expect(1, 2, "repo delete PATH [KEY] [--no-wait]"));
            default -> throw CliFailure.usage("unknown repo action '" + action
                    + "'; expected list, show, reprocess or delete");
        };
    }

    /** The message for a 404: the API's says whether the repository or the mail is missing. */
    private static Function<String, String> notFound(String path, Optional<String> key) {
        return OneMail.notFound("repository", path, key);
    }

    private static String mails(String path) {
        return "/mailRepositories/" + AdminHttp.encode(path) + "/mails";
    }

    private static String mail(String path, String key) {
        return mails(path) + "/" + AdminHttp.encode(key);
    }

    private AdminHttp.Answer get(String uri, String path, Optional<String> key) throws CliFailure {
        return http.send("GET", uri, notFound(path, key));
    }

    private int list(Arguments args) throws CliFailure {
        AdminHttp.Answer answer = get("/mailRepositories", "", Optional.empty());
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        Table table = new Table("REPOSITORY", "SIZE", "URL");
        for (JsonNode repository : answer.json()) {
            String path = repository.path("repository").asText();
            JsonNode described = get("/mailRepositories/" + AdminHttp.encode(path), path, Optional.empty())
                    .json();
            table.row(path, described.path("size").asText(), repository.path("url").asText());
        }
        table.print(out);
        return 0;
    }

    private int show(Arguments args) throws CliFailure {
        String path = args.at(0).orElseThrow();
        Optional<String> key = args.at(1);
        if (key.isEmpty()) {
            if (args.has("--raw")) {
                throw CliFailure.usage("--raw shows one mail: give its KEY");
            }
            return showRepository(path, args.has("--json"));
        }
        OneMail.show(http, mail(path, key.get()), args, notFound(path, key), out);
        return 0;
    }

    private int showRepository(String path, boolean json) throws CliFailure {
        AdminHttp.Answer keys = get(mails(path), path, Optional.empty());
        if (json) {
            out.println(keys.text());
            return 0;
        }
        if (keys.json().isEmpty()) {
            out.println("repository " + path + " is empty");
            return 0;
        }
        Table table = new Table("KEY", "SENDER", "RECIPIENTS", "STATE", "ERROR");
        for (JsonNode key : keys.json()) {
            JsonNode mail = get(mail(path, key.asText()), path, Optional.of(key.asText())).json();
            table.row(key.asText(), Texts.sender(mail), Texts.recipients(mail), Texts.oneLine(mail.path("state")),
                    Texts.oneLine(mail.path("error")));
        }
        table.print(out);
        return 0;
    }

    private int reprocess(Arguments args) throws CliFailure {
        String path = args.at(0).orElseThrow();
        Optional<String> key = args.at(1);
        String query = "?action=reprocess" + args.option("--processor").map(p -> "&processor=" + AdminHttp.encode(p))
                .orElse("");
        AdminHttp.Answer answer = http.send("PATCH", (key.isPresent() ? mail(path, key.get()) : mails(path)) + query,
                notFound(path, key));
        Optional<JsonNode> counts = Optional.of(answer.json());
        if (key.isEmpty()) {
            counts = tasks.follow(answer, !args.has("--no-wait"), args.has("--json"));
        } else if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        if (counts.isPresent()) {
            out.println("reprocessed " + counts.get().path("reprocessedCount").asLong() + " mail(s) from repository "
                    + path + args.option("--processor").map(p -> " in processor " + p).orElse(""));
        }
        return 0;
    }

    private int delete(Arguments args) throws CliFailure {
        String path = args.at(0).orElseThrow();
        Optional<String> key = args.at(1);
        if (key.isPresent()) {
            http.send("DELETE", mail(path, key.get()), notFound(path, key));
            if (args.has("--json")) {
                out.println("{\"removedCount\":1}");
            } else {
                out.println("deleted mail " + key.get() + " from repository " + path);
            }
            return 0;
        }
        AdminHttp.Answer answer = http.send("DELETE", mails(path), notFound(path, key));
        Optional<JsonNode> counts = tasks.follow(answer, !args.has("--no-wait"), args.has("--json"));
        if (counts.isPresent()) {
            out.println("deleted " + counts.get().path("removedCount").asLong() + " mail(s) from repository " + path);
        }
        return 0;
    }
}

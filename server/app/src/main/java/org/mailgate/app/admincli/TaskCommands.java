package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code mailgate task list [--status S] | show ID | cancel ID}: the gateway's long operations. */
final class TaskCommands {

    private final AdminHttp http;
    private final PrintStream out;

    TaskCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of("--status"))
                    .expect(0, 0, "task list [--status S]"));
            case "show" -> show(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(1, 1, "task show ID"));
            case "cancel" -> cancel(Arguments.parse(rest, Set.of(), Set.of()).expect(1, 1, "task cancel ID"));
            default -> throw CliFailure.usage("unknown task action '" + action + "'; expected list, show or cancel");
        };
    }

    private static String noSuchTask(String id) {
        return "no such task: " + id + " (finished tasks are kept for a while, and none survives a restart)";
    }

    private AdminHttp.Answer task(String method, String id) throws CliFailure {
        return http.send(method, "/tasks/" + AdminHttp.encode(id), message -> noSuchTask(id));
    }

    private int list(Arguments args) throws CliFailure {
        AdminHttp.Answer answer = http.send("GET", "/tasks" + args.option("--status")
                .map(s -> "?status=" + AdminHttp.encode(s)).orElse(""), m -> m);
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        if (answer.json().isEmpty()) {
            out.println("no task");
            return 0;
        }
        Table table = new Table("ID", "TYPE", "STATUS", "SUBMITTED", "INFORMATION");
        for (JsonNode task : answer.json()) {
            table.row(task.path("taskId").asText(), task.path("type").asText(), task.path("status").asText(),
                    task.path("submitDate").asText(), counts(task.path("additionalInformation")));
        }
        table.print(out);
        return 0;
    }

    /** The counts of a task's information, e.g. {@code processedCount=12 skippedCount=0}. */
    private static String counts(JsonNode information) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = information.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().endsWith("Count")) {
                text.append(text.isEmpty() ? "" : " ").append(field.getKey()).append('=').append(field.getValue().asText());
            }
        }
        return text.isEmpty() ? "-" : text.toString();
    }

    private int show(Arguments args) throws CliFailure {
        AdminHttp.Answer answer = task("GET", args.at(0).orElseThrow());
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        Table table = new Table("FIELD", "VALUE");
        for (Iterator<Map.Entry<String, JsonNode>> fields = answer.json().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("additionalInformation")) {
                for (Iterator<Map.Entry<String, JsonNode>> info = field.getValue().fields(); info.hasNext(); ) {
                    Map.Entry<String, JsonNode> item = info.next();
                    table.row(item.getKey(), item.getValue().isContainerNode() ? item.getValue().toString()
                            : Texts.oneLine(item.getValue()));
                }
            } else {
                table.row(field.getKey(), Texts.oneLine(field.getValue()));
            }
        }
        table.print(out);
        return 0;
    }

    private int cancel(Arguments args) throws CliFailure {
        String id = args.at(0).orElseThrow();
        task("DELETE", id);
        out.println("task " + id + " cancelled (a running task stops after its current batch)");
        return 0;
    }
}

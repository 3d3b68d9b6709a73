package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;

/**
 * {@code mailgate mappings list [SOURCE] | add SOURCE MAPPING | remove SOURCE MAPPING}: the recipient
 * rewrite table, mappings written as in {@code recipientrewritetable.xml} ({@code alice@example.com},
 * {@code domain:example.com}, {@code regex:(.*)@old\.example:${1}@example.com}, {@code error:550 ...}).
 */
final class MappingCommands {

    private final AdminHttp http;
    private final PrintStream out;

    MappingCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(0, 1, "mappings list [SOURCE]"));
            case "add" -> change("PUT", Arguments.parse(rest, Set.of(), Set.of())
                    .expect(2, 2, "mappings add SOURCE MAPPING"));
            case "remove" -> change("DELETE", Arguments.parse(rest, Set.of(), Set.of())
                    .expect(2, 2, "mappings remove SOURCE MAPPING"));
            default -> throw CliFailure.usage("unknown mappings action '" + action + "'; expected list, add or remove");
        };
    }

    private int list(Arguments args) throws CliFailure {
        Optional<String> source = args.at(0);
        String path = source.map(s -> "/mappings/user/" + AdminHttp.encode(s)).orElse("/mappings");
        AdminHttp.Answer answer = http.send("GET", path, message -> message);
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        Table table = new Table("SOURCE", "MAPPING", "FROM");
        if (source.isPresent()) {
            rows(table, source.get(), answer.json());
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> all = answer.json().fields(); all.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = all.next();
                rows(table, entry.getKey(), entry.getValue());
            }
        }
        table.print(out);
        return 0;
    }

    private static void rows(Table table, String source, JsonNode mappings) {
        for (JsonNode mapping : mappings) {
            String type = mapping.path("type").asText().toLowerCase(Locale.ROOT);
            String prefix = type.equals("address") ? "" : type + ":";
            table.row(source, prefix + mapping.path("mapping").asText(), mapping.path("origin").isTextual()
                    ? mapping.path("origin").asText() + " (read-only)" : "admin API");
        }
    }

    private int change(String method, Arguments args) throws CliFailure {
        MappingSource source;
        Mapping mapping;
        try {
            source = MappingSource.parse(args.at(0).orElseThrow());
            mapping = Mapping.parse(args.at(1).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw CliFailure.error(e.getMessage());
        }
        String path = "/mappings/" + mapping.type().name().toLowerCase(Locale.ROOT) + "/"
                + AdminHttp.encode(source.asString()) + "/targets/" + AdminHttp.encode(mapping.value());
        http.send(method, path, message -> message);
        out.println("mapping " + source + "=" + mapping + (method.equals("PUT") ? " added" : " removed"));
        return 0;
    }
}

package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code mailgate domains list | add DOMAIN | remove DOMAIN}. */
final class DomainCommands {

    private final AdminHttp http;
    private final PrintStream out;

    DomainCommands(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    int run(String action, List<String> rest) throws CliFailure {
        return switch (action) {
            case "list" -> list(Arguments.parse(rest, Set.of("--json"), Set.of()).expect(0, 0, "domains list"));
            case "add" -> add(Arguments.parse(rest, Set.of(), Set.of()).expect(1, 1, "domains add DOMAIN")
                    .at(0).orElseThrow());
            case "remove" -> remove(Arguments.parse(rest, Set.of(), Set.of()).expect(1, 1, "domains remove DOMAIN")
                    .at(0).orElseThrow());
            default -> throw CliFailure.usage("unknown domains action '" + action + "'; expected list, add or remove");
        };
    }

    private static String path(String domain) {
        return "/domains/" + AdminHttp.encode(domain);
    }

    private int list(Arguments args) throws CliFailure {
        AdminHttp.Answer answer = http.send("GET", "/domains?details=true", message -> message);
        if (args.has("--json")) {
            out.println(answer.text());
            return 0;
        }
        Table table = new Table("DOMAIN", "FROM");
        for (JsonNode domain : answer.json()) {
            table.row(domain.path("domain").asText(), domain.path("origin").isTextual()
                    ? domain.path("origin").asText() + " (read-only)" : "admin API");
        }
        table.print(out);
        return 0;
    }

    private int add(String domain) throws CliFailure {
        if (http.exists("GET", path(domain))) {
            throw CliFailure.error("domain " + domain + " is local already");
        }
        http.send("PUT", path(domain), message -> message);
        out.println("domain " + domain + " added: mail for it is accepted now");
        return 0;
    }

    private int remove(String domain) throws CliFailure {
        http.send("DELETE", path(domain), message -> "no such local domain: " + domain);
        out.println("domain " + domain + " removed");
        return 0;
    }
}

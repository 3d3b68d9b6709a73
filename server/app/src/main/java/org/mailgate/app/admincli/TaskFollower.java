package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a task the admin API started for a long operation: by default waits for its end (asking the
 * API to await it a minute at a time) and hands back what it reports; with {@code --no-wait} only prints
 * its id. A task that failed or was cancelled is an error (exit status 1).
 */
final class TaskFollower {

    static final String AWAIT = "60s";

    private final AdminHttp http;
    private final PrintStream out;

    TaskFollower(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    /**
     * Follows the task {@code submitted} names. Empty when the output is written already (the id with
     * {@code wait} false, the final task as JSON with {@code json}); otherwise the task's
     * {@code additionalInformation}, for the caller's summary line.
     */
    Optional<JsonNode> follow(AdminHttp.Answer submitted, boolean wait, boolean json) throws CliFailure {
        String id = submitted.json().path("taskId").asText();
        if (id.isEmpty()) {
            throw CliFailure.error("the admin API did not answer a task id: " + submitted.text());
        }
        if (!wait) {
            out.println(json ? submitted.text() : "task " + id + " submitted; follow it with: mailgate task show " + id);
            return Optional.empty();
        }
        AdminHttp.Answer answer;
        do {
            answer = http.send("GET", "/tasks/" + id + "/await?timeout=" + AWAIT, Optional.empty(), Optional.empty(),
                    message -> "task " + id + " is gone: " + message, Set.of(408));
        } while (answer.status() == 408);
        JsonNode task = answer.json();
        String status = task.path("status").asText();
        switch (status) {
            case "failed" -> throw CliFailure.error("task " + id + " failed: " + task.path("errorMessage").asText());
            case "cancelled" -> throw CliFailure.error("task " + id + " was cancelled; done before: "
                    + task.path("additionalInformation"));
            default -> {
                // completed
            }
        }
        if (json) {
            out.println(answer.text());
            return Optional.empty();
        }
        return Optional.of(task.path("additionalInformation"));
    }
}

package org.mailgate.app.admincli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mailgate trace --from A --to B[,C] [--remote-ip IP] [--auth USER] [--helo NAME] [--json] FILE}: a
 * dry run of the message in {@code FILE} through the pipeline the running gateway uses ({@code POST /trace}).
 */
final class TraceCommand {

    static final String SHAPE = "trace --from SENDER --to RCPT[,RCPT...] [--remote-ip IP] [--auth USER] "
            + "[--helo NAME] [--json] FILE";

    private final AdminHttp http;
    private final PrintStream out;

    TraceCommand(AdminHttp http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    int run(List<String> arguments) throws CliFailure {
        Arguments args = Arguments.parse(arguments, Set.of("--json"),
                Set.of("--from", "--to", "--remote-ip", "--auth", "--helo")).expect(1, 1, SHAPE);
        String from = args.option("--from").orElseThrow(() -> CliFailure.usage("--from is required ('' or '<>' for "
                + "the null sender)"));
        List<String> to = Arrays.stream(args.option("--to").orElse("").split(",")).map(String::strip)
                .filter(r -> !r.isEmpty()).toList();
        if (to.isEmpty()) {
            throw CliFailure.usage("--to is required: one or more recipients, separated by commas");
        }
        Path file = Path.of(args.at(0).orElseThrow());
        String message;
        try {
            message = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliFailure.error("cannot read " + file + ": " + e.getMessage());
        }
        ObjectNode body = AdminHttp.JSON.createObjectNode();
        body.put("from", from);
        to.forEach(body.putArray("to")::add);
        args.option("--remote-ip").ifPresent(ip -> body.put("remoteIp", ip));
        args.option("--auth").ifPresent(user -> body.put("auth", user));
        args.option("--helo").ifPresent(helo -> body.put("helo", helo));
        body.put("message", message);
        boolean json = args.has("--json");
        AdminHttp.Answer answer = http.send("POST", "/trace", Optional.of(body.toString()),
                Optional.of(json ? "application/json" : "text/plain"), notFound -> "this gateway has no /trace "
                        + "endpoint: it runs an older version");
        if (json) {
            out.println(answer.text());
        } else {
            out.print(answer.text());
        }
        return 0;
    }
}

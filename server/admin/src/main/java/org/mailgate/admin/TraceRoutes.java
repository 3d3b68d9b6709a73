package org.mailgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.trace.MailTracer;
import org.mailgate.api.trace.TraceReport;
import org.mailgate.api.trace.TraceRequest;
import org.mailgate.api.trace.TraceText;

/**
 * {@code POST /trace}: a dry run of one message through the running pipeline. The body is JSON:
 * {@code {"from": "a@x", "to": ["b@y"], "remoteIp": "192.0.2.1", "auth": "user", "helo": "name",
 * "message": "Subject: ...\r\n\r\nbody"}} ({@code from} empty for the null sender; {@code remoteIp},
 * {@code auth} and {@code helo} optional). The answer is the trace as JSON, or as text with
 * {@code Accept: text/plain}.
 */
final class TraceRoutes {

    private static final List<String> FIELDS = List.of("from", "to", "remoteIp", "auth", "helo", "message");

    private final MailTracer tracer;

    TraceRoutes(MailTracer tracer) {
        this.tracer = tracer;
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/trace", this::trace));
    }

    private Response trace(Request request) throws ApiException {
        TraceReport report = tracer.trace(parse(request.json()));
        if (request.accepts("text/plain")) {
            return new Response(200, "text/plain; charset=utf-8", TraceText.render(report).getBytes(StandardCharsets.UTF_8));
        }
        return Response.ok(report);
    }

    static TraceRequest parse(JsonNode body) throws ApiException {
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with from, to and message");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; expected " + String.join(", ", FIELDS));
            }
        }
        String from = text(body, "from").orElseThrow(() -> ApiException.badRequest("'from' is required (\"\" for the "
                + "null sender)"));
        MaybeSender sender = from.isEmpty() || from.equals("<>") ? MaybeSender.nullSender()
                : MaybeSender.of(address("from", from));
        JsonNode to = body.path("to");
        if (!to.isArray() || to.isEmpty()) {
            throw ApiException.badRequest("'to' must be a non-empty array of mail addresses");
        }
        List<MailAddress> recipients = new ArrayList<>();
        for (JsonNode recipient : to) {
            if (!recipient.isTextual()) {
                throw ApiException.badRequest("'to' must be a non-empty array of mail addresses");
            }
            recipients.add(address("to", recipient.asText()));
        }
        Optional<String> remoteIp = text(body, "remoteIp");
        if (remoteIp.isPresent() && IpLiteral.parse(remoteIp.get()).isEmpty()) {
            throw ApiException.badRequest("'remoteIp' is not an IP address: '" + remoteIp.get() + "'");
        }
        String message = text(body, "message").orElseThrow(() -> ApiException.badRequest("'message' is required: "
                + "the raw RFC 5322 message"));
        return new TraceRequest(sender, recipients, remoteIp, text(body, "auth").filter(a -> !a.isBlank()),
                text(body, "helo").filter(h -> !h.isBlank()), message.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> text(JsonNode body, String field) throws ApiException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    private static MailAddress address(String field, String value) throws ApiException {
        try {
            return new MailAddress(value);
        } catch (jakarta.mail.internet.AddressException e) {
            throw ApiException.badRequest("'" + field + "' is not a mail address: '" + value + "'");
        }
    }
}

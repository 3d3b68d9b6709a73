package org.mailgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.delivery.QueuedMail;
import org.mailgate.api.delivery.QueuedMailFilter;

/** James's {@code /mailQueues} endpoints over the outgoing queues. */
final class MailQueueRoutes {

    static final int DEFAULT_LIMIT = 100;

    private final OutgoingQueueControl queues;

    MailQueueRoutes(OutgoingQueueControl queues) {
        this.queues = queues;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/mailQueues", request -> Response.ok(queues.queueNames())),
                Route.of("GET", "/mailQueues/{name}", this::queue),
                Route.of("PATCH", "/mailQueues/{name}", this::flush),
                Route.of("GET", "/mailQueues/{name}/mails", this::mails),
                Route.of("DELETE", "/mailQueues/{name}/mails", this::delete));
    }

    private String existing(Request request) throws ApiException {
        String name = request.path("name");
        if (!queues.exists(name)) {
            throw ApiException.notFound("mail queue '" + name + "' does not exist");
        }
        return name;
    }

    private Response queue(Request request) throws ApiException {
        String name = existing(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("size", queues.size(name));
        return Response.ok(body);
    }

    private Response mails(Request request) throws ApiException {
        String name = existing(request);
        int limit = request.intParam("limit", 1, DEFAULT_LIMIT);
        return Response.ok(queues.list(name, limit).stream().map(MailQueueRoutes::json).toList());
    }

    private static Map<String, Object> json(QueuedMail mail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", mail.name());
        m.put("sender", mail.sender().asString(""));
        m.put("recipients", mail.recipients().stream().map(MailAddress::asString).toList());
        m.put("nextDelivery", mail.nextDelivery().toString());
        m.put("failedAttempts", mail.failedAttempts());
        m.put("lastError", mail.lastError().isEmpty() ? null : mail.lastError());
        return m;
    }

    private Response delete(Request request) throws ApiException {
        String name = existing(request);
        QueuedMailFilter filter = filter(request);
        long removed = queues.remove(name, filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mailQueueName", name);
        body.put("removedCount", removed);
        body.put("remainingCount", queues.size(name));
        return Response.ok(body);
    }

    private static QueuedMailFilter filter(Request request) throws ApiException {
        Optional<String> sender = request.param("sender");
        Optional<String> name = request.param("name");
        Optional<String> recipient = request.param("recipient");
        long given = java.util.stream.Stream.of(sender, name, recipient).filter(Optional::isPresent).count();
        if (given > 1) {
            throw ApiException.badRequest("give at most one of 'sender', 'name' and 'recipient'");
        }
        if (sender.isPresent()) {
            return QueuedMailFilter.sender(address("sender", sender.get()));
        }
        if (recipient.isPresent()) {
            return QueuedMailFilter.recipient(address("recipient", recipient.get()));
        }
        if (name.isPresent()) {
            if (name.get().isBlank()) {
                throw ApiException.badRequest("'name' must not be empty");
            }
            return QueuedMailFilter.name(name.get());
        }
        return QueuedMailFilter.ALL;
    }

    private static String address(String param, String value) throws ApiException {
        try {
            return new MailAddress(value).asString();
        } catch (jakarta.mail.internet.AddressException e) {
            throw ApiException.badRequest("'" + param + "' is not a mail address: '" + value + "'");
        }
    }

    /** James's flush: {@code PATCH /mailQueues/{name}?delayed=true} with {@code {"delayed": false}}. */
    private Response flush(Request request) throws ApiException {
        String name = existing(request);
        if (!request.param("delayed").equals(Optional.of("true"))) {
            throw ApiException.badRequest("only 'delayed=true' is supported: it selects the deferred mails to flush");
        }
        JsonNode body = request.json();
        JsonNode delayed = body.get("delayed");
        if (!body.isObject() || body.size() != 1 || delayed == null || !delayed.isBoolean() || delayed.booleanValue()) {
            throw ApiException.badRequest("the body must be {\"delayed\": false}");
        }
        queues.flush(name);
        return Response.noContent();
    }
}

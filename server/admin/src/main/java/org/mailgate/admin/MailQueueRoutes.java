package org.mailgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.delivery.ActionResult;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.delivery.QueueAction;
import org.mailgate.api.delivery.QueuedMail;
import org.mailgate.api.delivery.QueuedMailFilter;
import org.mailgate.api.mail.MessageParts;

/**
 * James's {@code /mailQueues} endpoints over the outgoing queues, and over the spool read-only (queue
 * {@value OutgoingQueueControl#SPOOL}). An entry is named by its id, the {@code id} of the listing.
 * Actions on one entry are answered at once ({@code 204}); actions by filter (delete, hold, release,
 * bounce, move) run as tasks ({@code 201} and the task's id). See {@link QueueRequests} for the filters.
 */
final class MailQueueRoutes {

    private final OutgoingQueueControl queues;
    private final TaskManager tasks;
    private final Clock clock;

    /** {@code clock}: the time the age of an entry is measured to. */
    MailQueueRoutes(OutgoingQueueControl queues, TaskManager tasks, Clock clock) {
        this.queues = queues;
        this.tasks = tasks;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/mailQueues", request -> Response.ok(queues.queueNames())),
                Route.of("GET", "/mailQueues/{name}", this::queue),
                Route.of("PATCH", "/mailQueues/{name}", this::flush),
                Route.of("GET", "/mailQueues/{name}/mails", this::mails),
                Route.of("DELETE", "/mailQueues/{name}/mails", this::deleteAll),
                Route.of("PATCH", "/mailQueues/{name}/mails", this::actOnAll),
                Route.of("GET", "/mailQueues/{name}/mails/{entry}", this::mail),
                Route.of("DELETE", "/mailQueues/{name}/mails/{entry}", this::deleteOne),
                Route.of("PATCH", "/mailQueues/{name}/mails/{entry}", this::actOnOne));
    }

    private String existing(Request request) throws ApiException {
        String name = request.path("name");
        if (!queues.exists(name)) {
            throw ApiException.notFound("mail queue '" + name + "' does not exist");
        }
        return name;
    }

    /** A queue that may be changed: not the spool. */
    private String changeable(Request request) throws ApiException {
        String name = existing(request);
        if (name.equals(OutgoingQueueControl.SPOOL)) {
            throw ApiException.badRequest("the spool holds mail being processed: it can be listed and shown, "
                    + "not changed; act on the mail once it is in an outgoing queue");
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
        QueueRequests.only(request, QueueRequests.FILTERS, Set.of("limit"));
        int limit = request.limit();
        QueuedMailFilter filter = QueueRequests.filter(request);
        return Response.ok(queues.list(name, filter, limit).stream().map(this::json).toList());
    }

    private Response mail(Request request) throws ApiException, IOException {
        String name = existing(request);
        long entry = QueueRequests.entry(request);
        if (request.accepts("message/rfc822")) {
            MessageParts message = queues.message(name, entry).orElseThrow(() -> noSuchEntry(name, entry));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.write(message.headerSection());
            try (InputStream body = message.body().open(0)) {
                body.transferTo(raw);
            }
            return new Response(200, "message/rfc822", raw.toByteArray());
        }
        return Response.ok(json(queues.entry(name, entry).orElseThrow(() -> noSuchEntry(name, entry))));
    }

    private static ApiException noSuchEntry(String queue, long entry) {
        return ApiException.notFound("no mail " + entry + " in mail queue '" + queue + "'");
    }

    private Map<String, Object> json(QueuedMail mail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mail.entryId());
        m.put("queueId", mail.queueId().toString());
        m.put("name", mail.name());
        m.put("sender", mail.sender().asString(""));
        m.put("recipients", mail.recipients().stream().map(MailAddress::asString).toList());
        m.put("nextDelivery", mail.nextDelivery().map(Instant::toString).orElse(null));
        m.put("failedAttempts", mail.failedAttempts());
        m.put("lastError", mail.lastError().isEmpty() ? null : mail.lastError());
        m.put("created", mail.queuedAt().toString());
        Duration age = Duration.between(mail.queuedAt(), clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        m.put("age", (age.isNegative() ? Duration.ZERO : age).toString());
        m.put("held", mail.held());
        m.put("size", mail.size());
        m.put("underWay", mail.underWay());
        mail.processor().ifPresent(p -> m.put("processor", p));
        return m;
    }

    /**
     * James's flush: {@code PATCH /mailQueues/{name}?delayed=true} with {@code {"delayed": false}}; other
     * filters (e.g. {@code domain=}) narrow it. Answered once done.
     */
    private Response flush(Request request) throws ApiException {
        String name = changeable(request);
        QueueRequests.only(request, QueueRequests.FILTERS, Set.of());
        if (!request.param("delayed").equals(Optional.of("true"))) {
            throw ApiException.badRequest("only 'delayed=true' is supported: it selects the deferred mails to flush");
        }
        JsonNode body = request.json();
        JsonNode delayed = body.get("delayed");
        if (!body.isObject() || body.size() != 1 || delayed == null || !delayed.isBoolean() || delayed.booleanValue()) {
            throw ApiException.badRequest("the body must be {\"delayed\": false}");
        }
        queues.apply(name, QueueRequests.filter(request), QueueAction.FLUSH, BatchProgress.TO_THE_END);
        return Response.noContent();
    }

    private Response deleteOne(Request request) throws ApiException {
        String name = changeable(request);
        long entry = QueueRequests.entry(request);
        QueueRequests.only(request, Set.of());
        return answer(name, entry, QueueAction.DELETE);
    }

    /** {@code PATCH /mailQueues/{name}/mails/{entry}?action=flush|hold|release|bounce|move&repository=URL}. */
    private Response actOnOne(Request request) throws ApiException {
        String name = changeable(request);
        long entry = QueueRequests.entry(request);
        QueueRequests.only(request, Set.of("action", "repository"));
        return answer(name, entry, QueueRequests.action(request, true));
    }

    private Response answer(String name, long entry, QueueAction action) throws ApiException {
        ActionResult result = queues.apply(name, entry, action);
        return switch (result) {
            case APPLIED -> Response.noContent();
            case NO_SUCH_ENTRY -> throw noSuchEntry(name, entry);
            case UNDER_DELIVERY -> throw ApiException.conflict("mail " + entry + " is being delivered at this moment: "
                    + "its attempt decides its fate; try again once it is over");
            case UNCHANGED -> throw ApiException.conflict("mail " + entry + " " + switch (action.kind()) {
                case RELEASE -> "is not held";
                case HOLD -> "is already held";
                case FLUSH -> "is held or already due: release a held mail to make it due";
                default -> "is no longer queued";
            });
        };
    }

    /** James's {@code DELETE /mailQueues/{name}/mails[?filters]}, as a task. */
    private Response deleteAll(Request request) throws ApiException {
        String name = changeable(request);
        QueueRequests.only(request, QueueRequests.FILTERS, Set.of());
        QueuedMailFilter filter = QueueRequests.filter(request);
        return submit(name, filter, QueueAction.DELETE, request,
                filter.isEmpty() ? "clear-mail-queue" : "delete-mails-from-mail-queue");
    }

    /** {@code PATCH /mailQueues/{name}/mails?action=hold|release|bounce|move[&repository=URL][&filters]}, as a task. */
    private Response actOnAll(Request request) throws ApiException {
        String name = changeable(request);
        QueueRequests.only(request, QueueRequests.FILTERS, Set.of("action", "repository"));
        QueueAction action = QueueRequests.action(request, false);
        String type = switch (action.kind()) {
            case HOLD -> "hold-mails-in-mail-queue";
            case RELEASE -> "release-mails-in-mail-queue";
            case BOUNCE -> "bounce-mails-in-mail-queue";
            case MOVE -> "move-mails-to-mail-repository";
            default -> throw new IllegalStateException("not an action by filter: " + action.kind());
        };
        return submit(name, QueueRequests.filter(request), action, request, type);
    }

    private Response submit(String name, QueuedMailFilter filter, QueueAction action, Request request, String type) {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("mailQueueName", name);
        base.put("action", action.kind().name().toLowerCase(java.util.Locale.ROOT));
        action.repository().ifPresent(r -> base.put("repository", r.value()));
        base.put("filter", QueueRequests.given(request));
        Task task = tasks.submit(type, base, progress -> {
            Map<String, Object> information = new LinkedHashMap<>(base);
            information.put("initialCount", queues.count(name, filter));
            progress.report(counted(information, BatchProgress.Counts.NONE));
            BatchProgress.Counts done = queues.apply(name, filter, action,
                    soFar -> progress.report(counted(information, soFar)));
            Map<String, Object> result = counted(information, done);
            result.put("remainingCount", queues.size(name));
            return result;
        });
        return TaskRoutes.created(task);
    }

    static Map<String, Object> counted(Map<String, Object> information, BatchProgress.Counts counts) {
        Map<String, Object> m = new LinkedHashMap<>(information);
        m.put("processedCount", counts.processed());
        m.put("skippedCount", counts.skipped());
        return m;
    }
}

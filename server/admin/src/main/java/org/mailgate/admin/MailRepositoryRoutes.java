package org.mailgate.admin;

import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.mailgate.api.BatchProgress;
import org.mailgate.api.repository.MailRepository;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * James's {@code /mailRepositories} endpoints. A repository is named in the path by its URL or, as
 * James does, by the URL without its protocol ({@code var/mail/error/}), URL-encoded into one segment.
 */
final class MailRepositoryRoutes {

    private final MailRepositoryStore store;
    private final MailRepositoryReprocessor reprocessor;
    private final Set<MailRepositoryUrl> configured;
    private final TaskManager tasks;

    /** {@code configured}: the repositories the configuration names, which exist even while empty. */
    MailRepositoryRoutes(MailRepositoryStore store, MailRepositoryReprocessor reprocessor,
                         Set<MailRepositoryUrl> configured, TaskManager tasks) {
        this.store = store;
        this.reprocessor = reprocessor;
        this.configured = Set.copyOf(configured);
        this.tasks = tasks;
    }

    /** The configured repositories and any other holding mail, sorted. */
    private List<MailRepositoryUrl> urls() {
        TreeSet<MailRepositoryUrl> all = new TreeSet<>(Comparator.comparing(MailRepositoryUrl::value));
        all.addAll(configured);
        all.addAll(store.urls());
        return List.copyOf(all);
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/mailRepositories", request -> Response.ok(urls().stream()
                        .map(MailRepositoryRoutes::describe).toList())),
                Route.of("GET", "/mailRepositories/{path}", this::repository),
                Route.of("GET", "/mailRepositories/{path}/mails", this::keys),
                Route.of("DELETE", "/mailRepositories/{path}/mails", this::deleteAll),
                Route.of("PATCH", "/mailRepositories/{path}/mails", this::reprocessAll),
                Route.of("GET", "/mailRepositories/{path}/mails/{key}", this::mail),
                Route.of("DELETE", "/mailRepositories/{path}/mails/{key}", this::deleteOne),
                Route.of("PATCH", "/mailRepositories/{path}/mails/{key}", this::reprocessOne));
    }

    /** James's path of a repository: its URL without the protocol. */
    static String path(MailRepositoryUrl url) {
        String value = url.value();
        return value.substring(value.indexOf("://") + 3);
    }

    private static Map<String, Object> describe(MailRepositoryUrl url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repository", path(url));
        m.put("path", URLEncoder.encode(path(url), StandardCharsets.UTF_8));
        m.put("url", url.value());
        return m;
    }

    private MailRepositoryUrl url(Request request) throws ApiException {
        String given = request.path("path");
        Optional<MailRepositoryUrl> found;
        if (given.contains("://")) {
            MailRepositoryUrl url;
            try {
                url = MailRepositoryUrl.of(given);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            found = urls().stream().filter(url::equals).findFirst();
        } else {
            String path = given.replaceAll("/+$", "") + "/";
            found = urls().stream().filter(u -> path(u).equals(path)).findFirst();
        }
        return found.orElseThrow(() -> ApiException.notFound("mail repository '" + given + "' does not exist"));
    }

    private Response repository(Request request) throws ApiException {
        MailRepositoryUrl url = url(request);
        Map<String, Object> body = describe(url);
        body.put("size", store.select(url).size());
        return Response.ok(body);
    }

    private Response keys(Request request) throws ApiException {
        MailRepository repository = store.select(url(request));
        int offset = request.intParam("offset", 0, 0);
        int limit = request.limit();
        return Response.ok(repository.keys(offset, limit));
    }

    private Response mail(Request request) throws ApiException, MessagingException, IOException {
        MailRepository repository = store.select(url(request));
        String key = request.path("key");
        Mail mail = repository.retrieve(key)
                .orElseThrow(() -> ApiException.notFound("no mail '" + key + "' in " + repository.url()));
        if (request.accepts("message/rfc822")) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.getMessage().writeTo(raw);
            return new Response(200, "message/rfc822", raw.toByteArray());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", mail.getName());
        m.put("sender", mail.getMaybeSender().asString(""));
        m.put("recipients", mail.getRecipients().stream().map(MailAddress::asString).toList());
        m.put("error", mail.getErrorMessage());
        m.put("state", mail.getState());
        m.put("remoteHost", mail.getRemoteHost());
        m.put("remoteAddr", mail.getRemoteAddr());
        m.put("lastUpdated", mail.getLastUpdated() == null ? null : mail.getLastUpdated().toInstant().toString());
        m.put("messageSize", mail.getMessageSize());
        return Response.ok(m);
    }

    private Response deleteOne(Request request) throws ApiException {
        MailRepository repository = store.select(url(request));
        String key = request.path("key");
        if (!repository.remove(key)) {
            throw ApiException.notFound("no mail '" + key + "' in " + repository.url());
        }
        return Response.noContent();
    }

    /** James's clear of a repository, as a task. */
    private Response deleteAll(Request request) throws ApiException {
        MailRepositoryUrl url = url(request);
        MailRepository repository = store.select(url);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("repositoryPath", path(url));
        return TaskRoutes.created(tasks.submit("clear-mail-repository", base, progress -> {
            Map<String, Object> information = counting(base, repository);
            progress.report(information);
            BatchProgress.Counts done = repository.removeAll(soFar -> progress.report(removed(information, soFar)));
            Map<String, Object> result = removed(information, done);
            result.put("remainingCount", repository.size());
            return result;
        }));
    }

    /** James's reprocessing of a whole repository, as a task. */
    private Response reprocessAll(Request request) throws ApiException {
        MailRepositoryUrl url = url(request);
        Optional<String> processor = reprocessing(request);
        MailRepository repository = store.select(url);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("repositoryPath", path(url));
        base.put("targetQueue", "spool");
        base.put("targetProcessor", processor.orElse(null));
        return TaskRoutes.created(tasks.submit("reprocessing-all", base, progress -> {
            Map<String, Object> information = counting(base, repository);
            progress.report(information);
            BatchProgress.Counts done = reprocessor.reprocessAll(url, processor,
                    soFar -> progress.report(reprocessed(information, soFar)));
            Map<String, Object> result = reprocessed(information, done);
            result.put("remainingCount", repository.size());
            return result;
        }));
    }

    private static Map<String, Object> counting(Map<String, Object> base, MailRepository repository) {
        Map<String, Object> information = new LinkedHashMap<>(base);
        information.put("initialCount", repository.size());
        return information;
    }

    private static Map<String, Object> removed(Map<String, Object> information, BatchProgress.Counts counts) {
        Map<String, Object> m = new LinkedHashMap<>(information);
        m.put("removedCount", counts.processed());
        return m;
    }

    private static Map<String, Object> reprocessed(Map<String, Object> information, BatchProgress.Counts counts) {
        Map<String, Object> m = new LinkedHashMap<>(information);
        m.put("reprocessedCount", counts.processed());
        return m;
    }

    private Response reprocessOne(Request request) throws ApiException, MessagingException {
        MailRepositoryUrl url = url(request);
        Optional<String> processor = reprocessing(request);
        String key = request.path("key");
        if (!reprocessor.reprocess(url, key, processor)) {
            throw ApiException.notFound("no mail '" + key + "' in " + url);
        }
        return Response.ok(Map.of("reprocessedCount", 1));
    }

    /** Checks {@code action=reprocess} and {@code queue}; the processor asked for, if any. */
    private static Optional<String> reprocessing(Request request) throws ApiException {
        if (!request.param("action").equals(Optional.of("reprocess"))) {
            throw ApiException.badRequest("'action' must be 'reprocess'");
        }
        Optional<String> queue = request.param("queue");
        if (queue.isPresent() && !queue.get().equals("spool")) {
            throw ApiException.badRequest("'queue' must be 'spool': reprocessed mail re-enters the spool");
        }
        Optional<String> processor = request.param("processor");
        if (processor.isPresent() && processor.get().isBlank()) {
            throw ApiException.badRequest("'processor' must not be empty");
        }
        return processor;
    }
}

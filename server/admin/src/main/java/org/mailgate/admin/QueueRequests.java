package org.mailgate.admin;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.mailgate.api.delivery.QueueAction;
import org.mailgate.api.delivery.QueuedMailFilter;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * The parts of a {@code /mailQueues} request: the filter ({@code sender}, {@code name}, {@code recipient},
 * {@code domain}, {@code olderThan}, {@code lastError}, {@code delayed}, {@code held}, ANDed), the entry
 * id, the action. A parameter the endpoint does not know is refused: a misspelt filter must not widen
 * an action to the whole queue.
 */
final class QueueRequests {

    static final Set<String> FILTERS = Set.of("sender", "name", "recipient", "domain", "olderThan", "lastError",
            "delayed", "held");

    private QueueRequests() {
    }

    /** Refuses any query parameter outside {@code allowed}. */
    @SafeVarargs
    static void only(Request request, Set<String>... allowed) throws ApiException {
        Set<String> known = new HashSet<>();
        for (Set<String> names : allowed) {
            known.addAll(names);
        }
        for (String name : request.query().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "'"
                        + (known.isEmpty() ? ": none is taken here" : "; allowed: " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The filter parameters given, as given (for a task's information). */
    static Map<String, String> given(Request request) {
        Map<String, String> given = new LinkedHashMap<>();
        request.query().forEach((name, value) -> {
            if (FILTERS.contains(name)) {
                given.put(name, value);
            }
        });
        return given;
    }

    static QueuedMailFilter filter(Request request) throws ApiException {
        QueuedMailFilter filter = QueuedMailFilter.ALL;
        Optional<String> sender = request.param("sender");
        if (sender.isPresent()) {
            filter = filter.withSender(isNullSender(sender.get()) ? "" : address("sender", sender.get()));
        }
        Optional<String> recipient = request.param("recipient");
        if (recipient.isPresent()) {
            filter = filter.withRecipient(address("recipient", recipient.get()));
        }
        Optional<String> name = request.param("name");
        if (name.isPresent()) {
            filter = filter.withName(nonEmpty("name", name.get()));
        }
        Optional<String> domain = request.param("domain");
        if (domain.isPresent()) {
            filter = filter.withDomain(domain(domain.get()));
        }
        Optional<String> olderThan = request.param("olderThan");
        if (olderThan.isPresent()) {
            filter = filter.withOlderThan(Durations.parse("olderThan", olderThan.get()));
        }
        Optional<String> lastError = request.param("lastError");
        if (lastError.isPresent()) {
            filter = filter.withLastError(nonEmpty("lastError", lastError.get()));
        }
        Optional<String> delayed = request.param("delayed");
        if (delayed.isPresent()) {
            filter = filter.withDelayed(bool("delayed", delayed.get()));
        }
        Optional<String> held = request.param("held");
        if (held.isPresent()) {
            filter = filter.withHeld(bool("held", held.get()));
        }
        return filter;
    }

    /** {@code <>} (or an empty value): the null sender of bounces and reports, as the listings show it. */
    private static boolean isNullSender(String value) {
        return value.isEmpty() || value.equals("<>");
    }

    /** The {@code {entry}} of the path: an entry id. */
    static long entry(Request request) throws ApiException {
        String entry = request.path("entry");
        try {
            long id = Long.parseLong(entry);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("'" + entry + "' is not a mail of a queue: give its id, as the listing's "
                + "'id' shows it");
    }

    /**
     * The {@code action} (and {@code repository} for {@code move}); {@code single}: for one entry, which may
     * also be flushed (a queue is flushed by James's {@code PATCH /mailQueues/{name}?delayed=true}).
     */
    static QueueAction action(Request request, boolean single) throws ApiException {
        List<String> names = single ? List.of("flush", "hold", "release", "bounce", "move")
                : List.of("hold", "release", "bounce", "move");
        String action = request.param("action").orElseThrow(() -> ApiException.badRequest(
                "'action' is required: one of " + String.join(", ", names)));
        if (!names.contains(action)) {
            throw ApiException.badRequest("'action' must be one of " + String.join(", ", names) + "; got '" + action + "'");
        }
        Optional<String> repository = request.param("repository");
        if (action.equals("move") != repository.isPresent()) {
            throw ApiException.badRequest(action.equals("move")
                    ? "'repository' is required to move: the URL of the repository, e.g. file://var/mail/quarantine/"
                    : "'repository' goes only with action=move");
        }
        return switch (action) {
            case "flush" -> QueueAction.FLUSH;
            case "hold" -> QueueAction.HOLD;
            case "release" -> QueueAction.RELEASE;
            case "bounce" -> QueueAction.BOUNCE;
            default -> {
                try {
                    yield QueueAction.moveTo(MailRepositoryUrl.of(repository.get()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("'repository': " + e.getMessage());
                }
            }
        };
    }

    private static String address(String param, String value) throws ApiException {
        try {
            return new MailAddress(value).asString();
        } catch (jakarta.mail.internet.AddressException e) {
            throw ApiException.badRequest("'" + param + "' is not a mail address: '" + value + "'");
        }
    }

    private static String domain(String value) throws ApiException {
        try {
            if (!value.contains("@")) {
                return Domain.of(value).asString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("'domain' is not a domain: '" + value + "'");
    }

    private static String nonEmpty(String param, String value) throws ApiException {
        if (value.isBlank()) {
            throw ApiException.badRequest("'" + param + "' must not be empty");
        }
        return value;
    }

    private static boolean bool(String param, String value) throws ApiException {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("'" + param + "' must be true or false; got '" + value + "'");
        };
    }
}

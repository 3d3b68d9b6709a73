package org.mailgate.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.domain.LocalDomain;

/**
 * James's {@code /domains} endpoints over the local domains: those of {@code domainlist.xml} (read-only
 * here) and those added through the API (stored). {@code GET /domains?details=true} is Mailgate's: each
 * domain with the {@code origin} of the file's ones.
 */
final class DomainRoutes {

    private final DomainStore domains;

    DomainRoutes(DomainStore domains) {
        this.domains = domains;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/domains", this::list),
                Route.of("GET", "/domains/{domain}", this::exists),
                Route.of("PUT", "/domains/{domain}", this::add),
                Route.of("DELETE", "/domains/{domain}", this::remove));
    }

    /** A domain name from the API, in lower case; 400 with the reason when it is not one. */
    static Domain domain(String what, String name) throws ApiException {
        try {
            if (name.isBlank()) {
                throw new IllegalArgumentException("it is empty");
            }
            return Domain.of(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " '" + name + "' is not a domain name: " + e.getMessage());
        }
    }

    private Response list(Request request) throws ApiException {
        Optional<String> details = request.param("details");
        if (details.isPresent() && !details.get().equals("true") && !details.get().equals("false")) {
            throw ApiException.badRequest("'details' must be true or false");
        }
        if (details.equals(Optional.of("true"))) {
            return Response.ok(domains.list().stream().map(DomainRoutes::json).toList());
        }
        return Response.ok(domains.list().stream().map(d -> d.domain().asString()).toList());
    }

    private static Map<String, Object> json(LocalDomain domain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", domain.domain().asString());
        m.put("origin", domain.origin().orElse(null));
        m.put("readOnly", domain.origin().isPresent());
        return m;
    }

    /** The {@code {domain}} of the path, which must be one of the local {@code domains}; 404 otherwise. */
    static Domain local(DomainStore domains, Request request) throws ApiException {
        Domain domain = domain("domain", request.path("domain"));
        if (domains.list().stream().noneMatch(d -> d.domain().equals(domain))) {
            throw ApiException.notFound("domain " + domain.asString() + " is not a local domain");
        }
        return domain;
    }

    private Response exists(Request request) throws ApiException {
        local(domains, request);
        return Response.noContent();
    }

    private Response add(Request request) throws ApiException {
        domains.add(domain("domain", request.path("domain")));
        return Response.noContent();
    }

    private Response remove(Request request) throws ApiException {
        Domain domain = domain("domain", request.path("domain"));
        try {
            if (!domains.remove(domain)) {
                throw ApiException.notFound("domain " + domain.asString() + " is not a local domain");
            }
        } catch (IllegalStateException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return Response.noContent();
    }
}

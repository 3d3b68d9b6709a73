package org.mailgate.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.core.Domain;
import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.rrt.ListedMapping;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RewriteTableListing;

/**
 * James's domain mappings, which are {@code *@from=domain:to} mappings of the rewrite table:
 * {@code /domainMappings} (from domain to domains, the target as the plain-text body of PUT and DELETE)
 * and {@code /domains/{domain}/aliases} (the domains whose mail goes to the same user in a local domain).
 */
final class DomainMappingRoutes {

    private final RewriteTableListing table;
    private final MappingChanges changes;
    private final DomainStore domains;

    DomainMappingRoutes(RewriteTableListing table, MappingChanges changes, DomainStore domains) {
        this.table = table;
        this.changes = changes;
        this.domains = domains;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/domainMappings", request -> Response.ok(byFromDomain())),
                Route.of("GET", "/domainMappings/{from}", request -> Response.ok(
                        byFromDomain().getOrDefault(DomainRoutes.domain("domain", request.path("from")).asString(),
                                List.of()))),
                Route.of("PUT", "/domainMappings/{from}", request -> {
                    changes.add(anyUserOf(request.path("from")), target(request));
                    return Response.noContent();
                }),
                Route.of("DELETE", "/domainMappings/{from}", request -> {
                    changes.remove(anyUserOf(request.path("from")), target(request));
                    return Response.noContent();
                }),
                Route.of("GET", "/domains/{domain}/aliases", request -> Response.ok(aliases(local(request)).stream()
                        .map(alias -> Map.of("source", alias)).toList())),
                Route.of("PUT", "/domains/{domain}/aliases/{alias}", request -> {
                    changes.add(alias(request), Mapping.domain(local(request)));
                    return Response.noContent();
                }),
                Route.of("DELETE", "/domains/{domain}/aliases/{alias}", request -> {
                    changes.remove(alias(request), Mapping.domain(local(request)));
                    return Response.noContent();
                }));
    }

    private static MappingSource anyUserOf(String domain) throws ApiException {
        return MappingSource.anyUserOf(DomainRoutes.domain("domain", domain));
    }

    /** The body of a domain mapping request: the target domain as plain text. */
    private static Mapping target(Request request) throws ApiException {
        String body = new String(request.body(), StandardCharsets.UTF_8).strip();
        if (body.startsWith("\"") && body.endsWith("\"") && body.length() > 1) {
            body = body.substring(1, body.length() - 1);
        }
        return Mapping.domain(DomainRoutes.domain("target domain (the body)", body));
    }

    /** {@code from.example -> [to.example]} for every {@code *@from.example=domain:to.example}. */
    private Map<String, List<String>> byFromDomain() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (ListedMapping listed : table.listing()) {
            if (listed.source().isWholeDomain() && listed.mapping().type() == Mapping.Type.DOMAIN) {
                all.computeIfAbsent(listed.source().domain(), d -> new ArrayList<>()).add(listed.mapping().value());
            }
        }
        return all;
    }

    private List<String> aliases(Domain domain) {
        List<String> aliases = new ArrayList<>();
        byFromDomain().forEach((from, targets) -> {
            if (targets.contains(domain.asString())) {
                aliases.add(from);
            }
        });
        return aliases;
    }

    private Domain local(Request request) throws ApiException {
        return DomainRoutes.local(domains, request);
    }

    private MappingSource alias(Request request) throws ApiException {
        Domain alias = DomainRoutes.domain("alias", request.path("alias"));
        if (alias.equals(DomainRoutes.domain("domain", request.path("domain")))) {
            throw ApiException.badRequest("a domain cannot be an alias of itself");
        }
        return MappingSource.anyUserOf(alias);
    }
}

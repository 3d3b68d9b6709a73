package org.mailgate.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailgate.api.rrt.ListedMapping;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RewriteTableListing;

/**
 * James's {@code /mappings} endpoints over the recipient rewrite table: {@code GET /mappings} (every
 * source with its mappings), {@code GET /mappings/user/{address}}, and {@code PUT|DELETE
 * /mappings/{type}/{source}/targets/{value}} for James's {@code address} and {@code regex} and, in the
 * same shape, Mailgate's {@code domain}, {@code error}, {@code forward}, {@code group} and {@code alias}.
 * A mapping of {@code recipientrewritetable.xml} carries its {@code origin} ({@code file:line}) and
 * {@code "readOnly": true}.
 */
final class MappingRoutes {

    private final RewriteTableListing table;
    private final MappingChanges changes;

    MappingRoutes(RewriteTableListing table, MappingChanges changes) {
        this.table = table;
        this.changes = changes;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/mappings", request -> Response.ok(all())),
                Route.of("GET", "/mappings/user/{source}", this::ofSource),
                Route.of("PUT", "/mappings/{type}/{source}/targets/{value}", request -> {
                    changes.add(MappingChanges.source(request.path("source")), mapping(request));
                    return Response.noContent();
                }),
                Route.of("DELETE", "/mappings/{type}/{source}/targets/{value}", request -> {
                    changes.remove(MappingChanges.source(request.path("source")), mapping(request));
                    return Response.noContent();
                }));
    }

    /** James's name of a mapping type: {@code Address}, {@code Regex}, {@code Domain}… */
    static String typeName(Mapping.Type type) {
        String lower = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static Mapping mapping(Request request) throws ApiException {
        String type = request.path("type");
        for (Mapping.Type candidate : Mapping.Type.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(type)) {
                return MappingChanges.mapping(candidate, request.path("value"));
            }
        }
        throw ApiException.notFound("no mapping type '" + type
                + "': use address, regex, domain, error, forward, group or alias");
    }

    private Map<String, List<Map<String, Object>>> all() {
        Map<String, List<Map<String, Object>>> bySource = new LinkedHashMap<>();
        for (ListedMapping listed : table.listing()) {
            bySource.computeIfAbsent(listed.source().asString(), s -> new java.util.ArrayList<>()).add(json(listed));
        }
        return bySource;
    }

    private Response ofSource(Request request) throws ApiException {
        MappingSource source = MappingChanges.source(request.path("source"));
        return Response.ok(table.listing().stream().filter(m -> m.source().equals(source))
                .map(MappingRoutes::json).toList());
    }

    private static Map<String, Object> json(ListedMapping listed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", typeName(listed.mapping().type()));
        m.put("mapping", listed.mapping().value());
        listed.origin().ifPresent(origin -> {
            m.put("origin", origin);
            m.put("readOnly", true);
        });
        return m;
    }
}

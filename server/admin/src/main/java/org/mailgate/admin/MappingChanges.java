package org.mailgate.admin;

import java.util.Optional;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingEntry;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RewriteTableListing;

/**
 * Adds and removes the operator's mappings; those of {@code recipientrewritetable.xml} are read-only here
 * (400, naming where they are written). Sources and mappings given in the API are parsed here, a bad one
 * being a 400 with the reason.
 */
final class MappingChanges {

    private final MappingStore store;
    private final RewriteTableListing table;

    MappingChanges(MappingStore store, RewriteTableListing table) {
        this.store = store;
        this.table = table;
    }

    static MappingSource source(String text) throws ApiException {
        try {
            return MappingSource.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static Mapping mapping(Mapping.Type type, String value) throws ApiException {
        try {
            return new Mapping(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Stores the mapping; adding one that is stored already changes nothing. */
    void add(MappingSource source, Mapping mapping) throws ApiException {
        refuseConfigured(source, mapping, "added");
        store.add(source, mapping);
    }

    /** Removes a stored mapping; 404 when there is none. */
    void remove(MappingSource source, Mapping mapping) throws ApiException {
        refuseConfigured(source, mapping, "removed");
        if (!store.remove(source, mapping)) {
            throw ApiException.notFound("no such mapping: " + new MappingEntry(source, mapping));
        }
    }

    private void refuseConfigured(MappingSource source, Mapping mapping, String change) throws ApiException {
        Optional<String> origin = table.configuredAt(source, mapping);
        if (origin.isPresent()) {
            throw ApiException.badRequest("mapping " + new MappingEntry(source, mapping) + " is configured in "
                    + origin.get() + " and cannot be " + change + " through the API: change the file and reload");
        }
    }
}

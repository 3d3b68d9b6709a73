package org.mailgate.api.rrt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rewrite table for tests, written as James writes mappings: {@code TableOf.mappings("a@x=b@y", ...)}. */
final class TableOf implements RecipientRewriteTable {

    private final Map<MappingSource, List<Mapping>> mappings = new LinkedHashMap<>();
    private final RewriteSettings settings;

    private TableOf(RewriteSettings settings) {
        this.settings = settings;
    }

    static TableOf mappings(String... items) {
        return withSettings(RewriteSettings.DEFAULT, items);
    }

    static TableOf withSettings(RewriteSettings settings, String... items) {
        TableOf table = new TableOf(settings);
        for (String item : items) {
            int equals = item.indexOf('=');
            MappingSource source = MappingSource.parse(item.substring(0, equals));
            for (String target : item.substring(equals + 1).split(";")) {
                table.mappings.computeIfAbsent(source, s -> new java.util.ArrayList<>()).add(Mapping.parse(target));
            }
        }
        return table;
    }

    @Override
    public List<Mapping> mappingsFor(MappingSource source) {
        return mappings.getOrDefault(source, List.of());
    }

    @Override
    public RewriteSettings settings() {
        return settings;
    }
}

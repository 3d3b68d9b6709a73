package org.mailgate.mailets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteSettings;

/** A rewrite table in memory, filled as James writes mappings: {@code map("a@x.example=b@y.example;c")}. */
final class InMemoryRewriteTable implements RecipientRewriteTable {

    private final Map<MappingSource, List<Mapping>> mappings = new LinkedHashMap<>();
    private RewriteSettings settings = RewriteSettings.DEFAULT;

    InMemoryRewriteTable map(String item) {
        int equals = item.indexOf('=');
        MappingSource source = MappingSource.parse(item.substring(0, equals));
        for (String target : item.substring(equals + 1).split(";")) {
            mappings.computeIfAbsent(source, s -> new ArrayList<>()).add(Mapping.parse(target));
        }
        return this;
    }

    InMemoryRewriteTable settings(RewriteSettings settings) {
        this.settings = settings;
        return this;
    }

    @Override
    public List<Mapping> mappingsFor(MappingSource source) {
        return List.copyOf(mappings.getOrDefault(source, List.of()));
    }

    @Override
    public RewriteSettings settings() {
        return settings;
    }
}

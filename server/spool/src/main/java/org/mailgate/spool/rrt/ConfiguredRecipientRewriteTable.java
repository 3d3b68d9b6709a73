package org.mailgate.spool.rrt;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteSettings;

/**
 * The recipient rewrite table as mail sees it: the mappings of {@code recipientrewritetable.xml}
 * followed by those the operator stored, for each source; the file's recursion settings.
 */
@Singleton
public final class ConfiguredRecipientRewriteTable implements RecipientRewriteTable {

    private final RecipientRewriteTableConfig config;
    private final MappingStore store;

    @Inject
    public ConfiguredRecipientRewriteTable(RecipientRewriteTableConfig config, MappingStore store) {
        this.config = config;
        this.store = store;
    }

    @Override
    public List<Mapping> mappingsFor(MappingSource source) {
        List<Mapping> configured = config.mappings().getOrDefault(source, List.of());
        List<Mapping> stored = store.list(source);
        if (stored.isEmpty()) {
            return configured;
        }
        if (configured.isEmpty()) {
            return stored;
        }
        List<Mapping> all = new ArrayList<>(configured);
        stored.stream().filter(m -> !configured.contains(m)).forEach(all::add);
        return List.copyOf(all);
    }

    @Override
    public RewriteSettings settings() {
        return config.settings();
    }
}

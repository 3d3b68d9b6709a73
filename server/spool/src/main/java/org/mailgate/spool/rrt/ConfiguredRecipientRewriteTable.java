package org.mailgate.spool.rrt;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.mailgate.api.rrt.ListedMapping;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingEntry;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteTableListing;
import org.mailgate.api.rrt.RewriteSettings;

/**
 * The recipient rewrite table as mail sees it: the mappings of {@code recipientrewritetable.xml}
 * followed by those the operator stored, for each source; the file's recursion settings. A reload
 * replaces the file's part as a whole ({@link #replace}).
 */
@Singleton
public final class ConfiguredRecipientRewriteTable implements RecipientRewriteTable, RewriteTableListing {

    private final AtomicReference<RecipientRewriteTableConfig> config;
    private final MappingStore store;

    @Inject
    public ConfiguredRecipientRewriteTable(RecipientRewriteTableConfig config, MappingStore store) {
        this.config = new AtomicReference<>(config);
        this.store = store;
    }

    /** Uses {@code next} (a reloaded {@code recipientrewritetable.xml}) from now on. */
    public void replace(RecipientRewriteTableConfig next) {
        config.set(next);
    }

    @Override
    public List<Mapping> mappingsFor(MappingSource source) {
        List<Mapping> configured = config.get().mappings().getOrDefault(source, List.of());
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
    public List<ListedMapping> listing() {
        RecipientRewriteTableConfig file = config.get();
        Map<MappingSource, List<ListedMapping>> bySource = new LinkedHashMap<>();
        file.mappings().forEach((source, mappings) -> mappings.forEach(mapping -> bySource
                .computeIfAbsent(source, s -> new ArrayList<>())
                .add(new ListedMapping(source, mapping, Optional.ofNullable(file.origins().get(source))))));
        for (MappingEntry entry : store.list()) {
            if (!file.mappings().getOrDefault(entry.source(), List.of()).contains(entry.mapping())) {
                bySource.computeIfAbsent(entry.source(), s -> new ArrayList<>())
                        .add(new ListedMapping(entry.source(), entry.mapping(), Optional.empty()));
            }
        }
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Optional<String> configuredAt(MappingSource source, Mapping mapping) {
        RecipientRewriteTableConfig file = config.get();
        if (!file.mappings().getOrDefault(source, List.of()).contains(mapping)) {
            return Optional.empty();
        }
        return Optional.of(file.origins().getOrDefault(source, RecipientRewriteTableConfig.FILE));
    }

    @Override
    public RewriteSettings settings() {
        return config.get().settings();
    }
}

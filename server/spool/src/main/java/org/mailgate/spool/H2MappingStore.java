package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingEntry;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's recipient rewrite mappings in H2 (table {@code rrt_mapping}, source and mapping in
 * James's notation). Reads come from an in-memory copy; each change is a durable transaction.
 */
@Singleton
public final class H2MappingStore implements MappingStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2MappingStore.class);

    private final Database database;
    private final TableSnapshot<Entries> snapshot;

    /** The stored mappings in the order they were added, and indexed by source. */
    private record Entries(List<MappingEntry> all, Map<MappingSource, List<Mapping>> bySource) {

        static Entries of(List<MappingEntry> all) {
            Map<MappingSource, List<Mapping>> bySource = new LinkedHashMap<>();
            for (MappingEntry entry : all) {
                bySource.computeIfAbsent(entry.source(), s -> new ArrayList<>()).add(entry.mapping());
            }
            bySource.replaceAll((source, mappings) -> List.copyOf(mappings));
            return new Entries(List.copyOf(all), Map.copyOf(bySource));
        }

        Entries with(MappingEntry entry) {
            List<MappingEntry> more = new ArrayList<>(all);
            more.add(entry);
            return of(more);
        }

        Entries without(MappingEntry entry) {
            List<MappingEntry> fewer = new ArrayList<>(all);
            fewer.remove(entry);
            return of(fewer);
        }
    }

    @Inject
    public H2MappingStore(Database database) {
        this.database = database;
        this.snapshot = new TableSnapshot<>(this::load);
    }

    @Override
    public boolean add(MappingSource source, Mapping mapping) {
        MappingEntry entry = new MappingEntry(source, mapping);
        boolean added = snapshot.change(entries -> {
            if (entries.all().contains(entry)) {
                return new TableSnapshot.Changed<>(entries, false);
            }
            database.inDurableTransaction(c -> insert(c, entry));
            return new TableSnapshot.Changed<>(entries.with(entry), true);
        });
        if (added) {
            LOG.info("recipient rewrite mapping added: {}", entry);
        }
        return added;
    }

    @Override
    public boolean remove(MappingSource source, Mapping mapping) {
        MappingEntry entry = new MappingEntry(source, mapping);
        boolean removed = snapshot.change(entries -> {
            if (!entries.all().contains(entry)) {
                return new TableSnapshot.Changed<>(entries, false);
            }
            database.inDurableTransaction(c -> delete(c, entry));
            return new TableSnapshot.Changed<>(entries.without(entry), true);
        });
        if (removed) {
            LOG.info("recipient rewrite mapping removed: {}", entry);
        }
        return removed;
    }

    @Override
    public List<MappingEntry> list() {
        return snapshot.get().all();
    }

    @Override
    public List<Mapping> list(MappingSource source) {
        return snapshot.get().bySource().getOrDefault(source, List.of());
    }

    private static int insert(Connection c, MappingEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rrt_mapping(source, mapping) VALUES (?, ?)")) {
            ps.setString(1, entry.source().asString());
            ps.setString(2, entry.mapping().asString());
            return ps.executeUpdate();
        }
    }

    private static int delete(Connection c, MappingEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rrt_mapping WHERE source = ? AND mapping = ?")) {
            ps.setString(1, entry.source().asString());
            ps.setString(2, entry.mapping().asString());
            return ps.executeUpdate();
        }
    }

    private Entries load() {
        return database.inTransaction(c -> {
            List<MappingEntry> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source, mapping FROM rrt_mapping ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs.getString(1), rs.getString(2)));
                }
            }
            return Entries.of(all);
        });
    }

    private static MappingEntry read(String source, String mapping) {
        try {
            return new MappingEntry(MappingSource.parse(source), Mapping.parse(mapping));
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored mapping " + source + "=" + mapping + " cannot be read: " + e.getMessage(), e);
        }
    }
}

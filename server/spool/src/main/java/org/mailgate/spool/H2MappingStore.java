package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final TableSnapshot<MappingEntry, Map<MappingSource, List<Mapping>>> table;

    @Inject
    public H2MappingStore(Database database) {
        this.table = new TableSnapshot<>(database, H2MappingStore::load, H2MappingStore::insert,
                H2MappingStore::delete, H2MappingStore::bySource);
    }

    /** The mappings of each source, in the order added. */
    private static Map<MappingSource, List<Mapping>> bySource(List<MappingEntry> all) {
        Map<MappingSource, List<Mapping>> bySource = new HashMap<>();
        for (MappingEntry entry : all) {
            bySource.computeIfAbsent(entry.source(), s -> new ArrayList<>()).add(entry.mapping());
        }
        bySource.replaceAll((source, mappings) -> List.copyOf(mappings));
        return Map.copyOf(bySource);
    }

    @Override
    public boolean add(MappingSource source, Mapping mapping) {
        MappingEntry entry = new MappingEntry(source, mapping);
        boolean added = table.add(entry);
        if (added) {
            LOG.info("recipient rewrite mapping added: {}", entry);
        }
        return added;
    }

    @Override
    public boolean remove(MappingSource source, Mapping mapping) {
        MappingEntry entry = new MappingEntry(source, mapping);
        boolean removed = table.remove(entry);
        if (removed) {
            LOG.info("recipient rewrite mapping removed: {}", entry);
        }
        return removed;
    }

    @Override
    public List<MappingEntry> list() {
        return table.all();
    }

    @Override
    public List<Mapping> list(MappingSource source) {
        return table.index().getOrDefault(source, List.of());
    }

    private static void insert(Connection c, MappingEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rrt_mapping(source, mapping) VALUES (?, ?)")) {
            ps.setString(1, entry.source().asString());
            ps.setString(2, entry.mapping().asString());
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, MappingEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rrt_mapping WHERE source = ? AND mapping = ?")) {
            ps.setString(1, entry.source().asString());
            ps.setString(2, entry.mapping().asString());
            ps.executeUpdate();
        }
    }

    private static List<MappingEntry> load(Connection c) throws SQLException {
        List<MappingEntry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source, mapping FROM rrt_mapping ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs.getString(1), rs.getString(2)));
            }
        }
        return all;
    }

    private static MappingEntry read(String source, String mapping) {
        try {
            return new MappingEntry(MappingSource.parse(source), Mapping.parse(mapping));
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored mapping " + source + "=" + mapping + " cannot be read: " + e.getMessage(), e);
        }
    }
}

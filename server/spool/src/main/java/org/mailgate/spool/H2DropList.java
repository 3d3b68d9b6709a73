package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.mailgate.api.droplist.DeniedEntityType;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;
import org.mailgate.api.droplist.OwnerScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop list in H2 (table {@code drop_list}: owner scope and name, denied address or domain). Queries
 * come from an in-memory copy, so checking a mail costs no database round trip; each change is a durable
 * transaction.
 */
@Singleton
public final class H2DropList implements DropList {

    private static final Logger LOG = LoggerFactory.getLogger(H2DropList.class);

    private final TableSnapshot<DropListEntry, Map<DropListOwner, Set<String>>> table;

    @Inject
    public H2DropList(Database database) {
        this.table = new TableSnapshot<>(database, H2DropList::load, H2DropList::insert, H2DropList::delete,
                H2DropList::deniedByOwner);
    }

    /** The denied addresses and domains of each owner. */
    private static Map<DropListOwner, Set<String>> deniedByOwner(List<DropListEntry> all) {
        Map<DropListOwner, Set<String>> denied = new HashMap<>();
        for (DropListEntry entry : all) {
            denied.computeIfAbsent(entry.owner(), o -> new HashSet<>()).add(entry.denied());
        }
        denied.replaceAll((owner, set) -> Set.copyOf(set));
        return Map.copyOf(denied);
    }

    @Override
    public boolean add(DropListEntry entry) {
        boolean added = table.add(entry);
        if (added) {
            LOG.info("drop list: {}", entry);
        }
        return added;
    }

    @Override
    public boolean remove(DropListEntry entry) {
        boolean removed = table.remove(entry);
        if (removed) {
            LOG.info("drop list entry removed: {}", entry);
        }
        return removed;
    }

    @Override
    public List<DropListEntry> list(DropListOwner owner) {
        return table.all().stream().filter(e -> e.owner().equals(owner)).toList();
    }

    @Override
    public Status query(DropListOwner owner, MailAddress sender) {
        Set<String> denied = table.index().getOrDefault(owner, Set.of());
        if (denied.isEmpty()) {
            return Status.ALLOWED;
        }
        String address = sender.asString().toLowerCase(Locale.ROOT);
        String domain = sender.getDomain().asString().toLowerCase(Locale.ROOT);
        return denied.contains(address) || denied.contains(domain) ? Status.BLOCKED : Status.ALLOWED;
    }

    private static void insert(Connection c, DropListEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO drop_list(owner_scope, owner, denied_type, denied) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, entry.owner().scope().name());
            ps.setString(2, entry.owner().name());
            ps.setString(3, entry.type().name());
            ps.setString(4, entry.denied());
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, DropListEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM drop_list WHERE owner_scope = ? AND owner = ? AND denied = ?")) {
            ps.setString(1, entry.owner().scope().name());
            ps.setString(2, entry.owner().name());
            ps.setString(3, entry.denied());
            ps.executeUpdate();
        }
    }

    private static List<DropListEntry> load(Connection c) throws SQLException {
        List<DropListEntry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner_scope, owner, denied_type, denied FROM drop_list ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return all;
    }

    private static DropListEntry read(String scope, String owner, String type, String denied) {
        try {
            return new DropListEntry(new DropListOwner(OwnerScope.valueOf(scope), owner),
                    DeniedEntityType.valueOf(type), denied);
        } catch (IllegalArgumentException e) {
            throw new StoreException("drop list entry " + scope + "/" + owner + "/" + denied + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}

package org.mailgate.spool;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.core.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local domains added at run time, in H2 (table {@code local_domain}, names in lower case). Reads come
 * from an in-memory copy, so asking about a recipient's domain costs no database round trip; each change
 * is a durable transaction.
 */
@Singleton
public final class H2Domains {

    private static final Logger LOG = LoggerFactory.getLogger(H2Domains.class);

    private final TableSnapshot<Domain, Set<Domain>> table;

    @Inject
    public H2Domains(Database database) {
        this.table = new TableSnapshot<>(database, H2Domains::load, H2Domains::insert, H2Domains::delete, Set::copyOf);
    }

    public boolean contains(Domain domain) {
        return table.index().contains(domain);
    }

    /** The stored domains, in the order added. */
    public List<Domain> list() {
        return table.all();
    }

    /** Adds a domain; false if it was stored already. */
    public boolean add(Domain domain) {
        boolean added = table.add(domain);
        if (added) {
            LOG.info("local domain added: {}", domain.asString());
        }
        return added;
    }

    /** Removes a domain; false if it was not stored. */
    public boolean remove(Domain domain) {
        boolean removed = table.remove(domain);
        if (removed) {
            LOG.info("local domain removed: {}", domain.asString());
        }
        return removed;
    }

    private static void insert(Connection c, Domain domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO local_domain(name) VALUES (?)")) {
            ps.setString(1, key(domain));
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, Domain domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM local_domain WHERE name = ?")) {
            ps.setString(1, key(domain));
            ps.executeUpdate();
        }
    }

    private static String key(Domain domain) {
        return domain.asString().toLowerCase(Locale.ROOT);
    }

    private static List<Domain> load(Connection c) throws SQLException {
        List<Domain> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM local_domain ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    all.add(Domain.of(rs.getString(1)));
                } catch (IllegalArgumentException e) {
                    throw new StoreException("stored local domain '" + rs.getString(1) + "' cannot be read: "
                            + e.getMessage(), e);
                }
            }
        }
        return all;
    }
}

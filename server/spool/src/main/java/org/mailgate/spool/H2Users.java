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
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP accounts in H2 (table {@code users}): the name in lower case, so names compare
 * case-insensitively, and a {@link PasswordHash}. Every call reads the table (no copy in memory), so a
 * change made by {@code mailgate users} is seen at the next AUTH. Checking the password of an unknown
 * account costs the same hash computation as a known one, so timing does not tell which accounts exist.
 *
 * <p>A hash computation holds a CPU for a good fraction of a second, and a virtual thread that computes
 * one keeps its carrier thread (one per core) the whole time. So at most half the cores hash at once
 * ({@link #hashSlots}); the others keep serving SMTP sessions during a flood of AUTH attempts.
 */
@Singleton
public final class H2Users implements Users {

    private static final Logger LOG = LoggerFactory.getLogger(H2Users.class);

    private final Database database;
    private final PasswordHash hashing;
    /** Checked against for unknown accounts, so that they take as long as known ones. */
    private final String decoy;
    private final Semaphore hashSlots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    @Inject
    public H2Users(Database database) {
        this(database, new PasswordHash());
    }

    public H2Users(Database database, PasswordHash hashing) {
        this.database = database;
        this.hashing = hashing;
        this.decoy = hashing.decoy();
    }

    @Override
    public boolean contains(Username name) {
        return storedHash(name).isPresent();
    }

    @Override
    public boolean verify(Username name, String password) {
        Optional<String> stored = storedHash(name);
        boolean matches = hashed(() -> hashing.matches(password, stored.orElse(decoy)));
        return stored.isPresent() && matches;
    }

    @Override
    public void add(Username name, String password) {
        PasswordPolicy.check(key(name), password);
        String hash = hashed(() -> hashing.hash(password));
        boolean added = database.inDurableTransaction(c -> {
            if (find(c, key(name)).isPresent()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users(name, password_hash) VALUES (?, ?)")) {
                ps.setString(1, key(name));
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            return true;
        });
        if (!added) {
            throw new IllegalStateException("user " + key(name) + " exists already");
        }
        LOG.info("user added: {}", key(name));
    }

    @Override
    public void setPassword(Username name, String password) {
        PasswordPolicy.check(key(name), password);
        String hash = hashed(() -> hashing.hash(password));
        int changed = database.inDurableTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE name = ?")) {
                ps.setString(1, hash);
                ps.setString(2, key(name));
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new NoSuchElementException("no such user: " + key(name));
        }
        LOG.info("password changed for user {}", key(name));
    }

    @Override
    public boolean remove(Username name) {
        int removed = database.inDurableTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
                ps.setString(1, key(name));
                return ps.executeUpdate();
            }
        });
        if (removed > 0) {
            LOG.info("user removed: {}", key(name));
        }
        return removed > 0;
    }

    @Override
    public List<Username> list() {
        return database.inTransaction(c -> {
            List<Username> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM users ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(Username.of(rs.getString(1)));
                }
            }
            return names;
        });
    }

    /** Runs a hash computation in one of the few slots for them. */
    private <T> T hashed(Supplier<T> computation) {
        hashSlots.acquireUninterruptibly();
        try {
            return computation.get();
        } finally {
            hashSlots.release();
        }
    }

    private Optional<String> storedHash(Username name) {
        return database.inTransaction(c -> find(c, key(name)));
    }

    private static Optional<String> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE name = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String key(Username name) {
        return name.asString().toLowerCase(Locale.ROOT);
    }
}

package org.mailgate.smtp.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;

/** Accounts in memory, for recipient validation tests (the H2 store is tested in its own module). */
final class InMemoryUsers implements Users {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private static String key(Username name) {
        return name.asString().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean contains(Username name) {
        return passwords.containsKey(key(name));
    }

    @Override
    public boolean verify(Username name, String password) {
        return password.equals(passwords.get(key(name)));
    }

    @Override
    public void add(Username name, String password) {
        if (passwords.putIfAbsent(key(name), password) != null) {
            throw new IllegalStateException(name.asString() + " exists");
        }
    }

    @Override
    public void setPassword(Username name, String password) {
        if (passwords.computeIfPresent(key(name), (k, old) -> password) == null) {
            throw new NoSuchElementException(name.asString());
        }
    }

    @Override
    public boolean remove(Username name) {
        return passwords.remove(key(name)) != null;
    }

    @Override
    public List<Username> list() {
        return new TreeMap<>(passwords).keySet().stream().map(Username::of).toList();
    }
}

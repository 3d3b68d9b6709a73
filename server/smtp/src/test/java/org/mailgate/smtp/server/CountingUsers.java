package org.mailgate.smtp.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;

/** A real account store that also counts the password checks made against it. */
final class CountingUsers implements Users {

    private final Users store;
    private final AtomicInteger checks = new AtomicInteger();

    CountingUsers(Users store) {
        this.store = store;
    }

    /** How many times a password was checked. */
    int checks() {
        return checks.get();
    }

    @Override
    public boolean verify(Username name, String password) {
        checks.incrementAndGet();
        return store.verify(name, password);
    }

    @Override
    public boolean contains(Username name) {
        return store.contains(name);
    }

    @Override
    public void add(Username name, String password) {
        store.add(name, password);
    }

    @Override
    public void setPassword(Username name, String password) {
        store.setPassword(name, password);
    }

    @Override
    public boolean remove(Username name) {
        return store.remove(name);
    }

    @Override
    public List<Username> list() {
        return store.list();
    }
}

package org.mailgate.app.trace;

import java.util.List;
import org.apache.james.core.Username;
import org.mailgate.api.user.Users;

/** The gateway's accounts as a trace may see them: a mailet may look, never change (it is a dry run). */
record ReadOnlyUsers(Users users) implements Users {

    @Override
    public boolean contains(Username name) {
        return users.contains(name);
    }

    @Override
    public boolean verify(Username name, String password) {
        return users.verify(name, password);
    }

    @Override
    public void add(Username name, String password) {
        throw TraceRefusal.change("add account " + name.asString());
    }

    @Override
    public void setPassword(Username name, String password) {
        throw TraceRefusal.change("change the password of " + name.asString());
    }

    @Override
    public boolean remove(Username name) {
        throw TraceRefusal.change("remove account " + name.asString());
    }

    @Override
    public List<Username> list() {
        return users.list();
    }
}

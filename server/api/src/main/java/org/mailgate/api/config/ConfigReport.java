package org.mailgate.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects the errors and warnings found while reading configuration, so that one run reports all
 * of them. Readers add to it and go on; whoever started the reading calls {@link #throwIfErrors()}.
 */
public final class ConfigReport {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();

    public void error(XmlElement where, String message) {
        error(where.file(), where.line(), message);
    }

    public void error(String file, int line, String message) {
        add(errors, new ConfigError(file, line, message));
    }

    public void warning(XmlElement where, String message) {
        add(warnings, new ConfigError(where.file(), where.line(), message));
    }

    public void warning(String file, int line, String message) {
        add(warnings, new ConfigError(file, line, message));
    }

    /** Adds the errors of a failed read of another file. */
    public void addAll(ConfigException e) {
        e.errors().forEach(err -> add(errors, err));
    }

    private void add(List<ConfigError> list, ConfigError error) {
        lock.lock();
        try {
            list.add(error);
        } finally {
            lock.unlock();
        }
    }

    public List<ConfigError> errors() {
        lock.lock();
        try {
            return List.copyOf(errors);
        } finally {
            lock.unlock();
        }
    }

    public List<ConfigError> warnings() {
        lock.lock();
        try {
            return List.copyOf(warnings);
        } finally {
            lock.unlock();
        }
    }

    public boolean hasErrors() {
        return !errors().isEmpty();
    }

    public void throwIfErrors() {
        List<ConfigError> found = errors();
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}

package org.mailgate.api;

/**
 * Something that holds a resource (a socket, a database, a thread) between {@link #start()} and
 * {@link #stop()}. Construction does no I/O; the application starts services in dependency order and
 * stops them in reverse.
 */
public interface Service {

    void start() throws Exception;

    /** Releases the resource; must be safe to call when {@link #start()} failed or never ran. */
    void stop();

    /** A short name for logs. */
    default String serviceName() {
        return getClass().getSimpleName();
    }
}

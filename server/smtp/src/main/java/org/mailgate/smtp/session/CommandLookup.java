package org.mailgate.smtp.session;

import java.util.Optional;

/** Finds the command for a verb (upper case). */
@FunctionalInterface
public interface CommandLookup {

    Optional<Command> find(String verb);
}

package org.mailgate.api.spool;

import java.util.Optional;

/** How the container takes spooled mail for processing. */
public interface SpoolProcessing {

    /** Opens the entry {@code entryId}; empty if it is no longer in the spool. */
    Optional<SpoolUnit> open(long entryId);
}

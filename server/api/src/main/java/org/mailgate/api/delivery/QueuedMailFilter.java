package org.mailgate.api.delivery;

import java.util.Objects;
import java.util.Optional;

/**
 * Which entries of an outgoing queue an operator's removal applies to (James's {@code sender=},
 * {@code name=}, {@code recipient=}): at most one criterion, compared exactly; none means every entry.
 */
public record QueuedMailFilter(Optional<String> sender, Optional<String> name, Optional<String> recipient) {

    public static final QueuedMailFilter ALL = new QueuedMailFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public QueuedMailFilter {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recipient, "recipient");
    }

    public static QueuedMailFilter sender(String address) {
        return new QueuedMailFilter(Optional.of(address), Optional.empty(), Optional.empty());
    }

    public static QueuedMailFilter name(String mailName) {
        return new QueuedMailFilter(Optional.empty(), Optional.of(mailName), Optional.empty());
    }

    public static QueuedMailFilter recipient(String address) {
        return new QueuedMailFilter(Optional.empty(), Optional.empty(), Optional.of(address));
    }
}

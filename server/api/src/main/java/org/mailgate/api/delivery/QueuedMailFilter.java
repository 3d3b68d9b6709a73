package org.mailgate.api.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which entries of a queue an operator's listing or action applies to; the criteria given are ANDed,
 * none means every entry. Addresses and domains compare without regard to case.
 *
 * @param sender    the envelope sender, exactly
 * @param name      the mail's name, exactly
 * @param recipient one of the recipients, exactly
 * @param domain    the domain of one of the recipients
 * @param olderThan queued longer ago than this
 * @param lastError the last error contains this text (any case)
 * @param delayed   {@code true}: only entries waiting for a later attempt (not held); {@code false}: only
 *                  entries due now or held
 * @param held      {@code true}: only held entries; {@code false}: only entries not held
 */
public record QueuedMailFilter(Optional<String> sender, Optional<String> name, Optional<String> recipient,
                               Optional<String> domain, Optional<Duration> olderThan, Optional<String> lastError,
                               Optional<Boolean> delayed, Optional<Boolean> held) {

    public static final QueuedMailFilter ALL = new QueuedMailFilter(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public QueuedMailFilter {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(olderThan, "olderThan");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(delayed, "delayed");
        Objects.requireNonNull(held, "held");
    }

    public static QueuedMailFilter sender(String address) {
        return ALL.withSender(address);
    }

    public static QueuedMailFilter recipient(String address) {
        return ALL.withRecipient(address);
    }

    public QueuedMailFilter withSender(String address) {
        return new QueuedMailFilter(Optional.of(address), name, recipient, domain, olderThan, lastError, delayed, held);
    }

    public QueuedMailFilter withName(String mailName) {
        return new QueuedMailFilter(sender, Optional.of(mailName), recipient, domain, olderThan, lastError, delayed, held);
    }

    public QueuedMailFilter withRecipient(String address) {
        return new QueuedMailFilter(sender, name, Optional.of(address), domain, olderThan, lastError, delayed, held);
    }

    public QueuedMailFilter withDomain(String recipientDomain) {
        return new QueuedMailFilter(sender, name, recipient, Optional.of(recipientDomain), olderThan, lastError, delayed,
                held);
    }

    public QueuedMailFilter withOlderThan(Duration age) {
        return new QueuedMailFilter(sender, name, recipient, domain, Optional.of(age), lastError, delayed, held);
    }

    public QueuedMailFilter withLastError(String text) {
        return new QueuedMailFilter(sender, name, recipient, domain, olderThan, Optional.of(text), delayed, held);
    }

    public QueuedMailFilter withDelayed(boolean value) {
        return new QueuedMailFilter(sender, name, recipient, domain, olderThan, lastError, Optional.of(value), held);
    }

    public QueuedMailFilter withHeld(boolean value) {
        return new QueuedMailFilter(sender, name, recipient, domain, olderThan, lastError, delayed, Optional.of(value));
    }

    /** Whether no criterion is given: every entry matches. */
    public boolean isEmpty() {
        return Stream.of(sender, name, recipient, domain, olderThan, lastError, delayed, held)
                .noneMatch(Optional::isPresent);
    }
}

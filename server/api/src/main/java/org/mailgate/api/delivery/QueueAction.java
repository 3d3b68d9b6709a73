package org.mailgate.api.delivery;

import java.util.Objects;
import java.util.Optional;
import org.mailgate.api.repository.MailRepositoryUrl;

/**
 * What an operator does to entries of an outgoing queue.
 *
 * @param repository where {@link Kind#MOVE} stores the mail; empty for the other kinds
 */
public record QueueAction(Kind kind, Optional<MailRepositoryUrl> repository) {

    public enum Kind {
        /** The entry leaves the queue; its mail is dropped. */
        DELETE,
        /** The entry is never attempted until released (Postfix's hold queue). */
        HOLD,
        /** A held entry is released and due now. */
        RELEASE,
        /**
         * The entry's recipients are failed at once, "returned by the administrator", by delivery at its next
         * take (made due now), with the report delivery sends for a failure.
         */
        BOUNCE,
        /** A deferred entry is due now. */
        FLUSH,
        /** The entry leaves the queue and its mail is stored in {@link #repository()}, in one transaction. */
        MOVE
    }

    public static final QueueAction DELETE = new QueueAction(Kind.DELETE, Optional.empty());
    public static final QueueAction HOLD = new QueueAction(Kind.HOLD, Optional.empty());
    public static final QueueAction RELEASE = new QueueAction(Kind.RELEASE, Optional.empty());
    public static final QueueAction BOUNCE = new QueueAction(Kind.BOUNCE, Optional.empty());
    public static final QueueAction FLUSH = new QueueAction(Kind.FLUSH, Optional.empty());

    public QueueAction {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MOVE) != repository.isPresent()) {
            throw new IllegalArgumentException("a repository goes with MOVE, and only with it");
        }
    }

    public static QueueAction moveTo(MailRepositoryUrl repository) {
        return new QueueAction(Kind.MOVE, Optional.of(repository));
    }
}

package org.mailgate.api.droplist;

import java.util.List;
import org.apache.james.core.MailAddress;

/**
 * Senders whose mail is dropped, per owner (everyone, a recipient domain, a recipient address), as
 * James's {@code DropList}. Changes are durable when the call returns and seen by the next mail.
 */
public interface DropList {

    /** Whether a sender may send to an owner. */
    enum Status {
        ALLOWED,
        BLOCKED
    }

    /** Adds an entry; false if it was already there. */
    boolean add(DropListEntry entry);

    /** Removes an entry; false if it was not there. */
    boolean remove(DropListEntry entry);

    /** The entries of one owner, in the order they were added. */
    List<DropListEntry> list(DropListOwner owner);

    /** BLOCKED if the owner's list denies the sender's address or the sender's domain. */
    Status query(DropListOwner owner, MailAddress sender);
}

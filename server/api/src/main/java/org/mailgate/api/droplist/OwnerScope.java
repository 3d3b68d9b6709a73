package org.mailgate.api.droplist;

/** Whose drop list an entry belongs to, as James's {@code OwnerScope}. */
public enum OwnerScope {
    /** Applies to every recipient. */
    GLOBAL,
    /** Applies to the recipients of one domain. */
    DOMAIN,
    /** Applies to one recipient address. */
    USER
}

package org.mailgate.api.droplist;

/** What a drop-list entry denies: one sender address, or every sender of a domain. */
public enum DeniedEntityType {
    ADDRESS,
    DOMAIN
}

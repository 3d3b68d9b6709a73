package org.mailgate.admin;

import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RewriteTableListing;
import org.mailgate.api.user.Users;

/**
 * What the {@code /domains}, {@code /users} and {@code /mappings} endpoints act on.
 *
 * @param domains      the local domains
 * @param users        the SMTP AUTH accounts
 * @param mappings     the operator's stored rewrite mappings
 * @param rewriteTable the whole rewrite table, the file's mappings with their origin
 */
public record AddressingStores(DomainStore domains, Users users, MappingStore mappings,
                               RewriteTableListing rewriteTable) {
}

package org.mailgate.api.domain;

import java.util.Optional;
import org.apache.james.core.Domain;

/**
 * One local domain and where it comes from.
 *
 * @param domain the domain
 * @param origin where {@code domainlist.xml} names it ({@code file:line}); empty for one added at run time
 */
public record LocalDomain(Domain domain, Optional<String> origin) {
}

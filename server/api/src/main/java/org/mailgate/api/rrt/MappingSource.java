package org.mailgate.api.rrt;

import jakarta.mail.internet.AddressException;
import java.util.List;
import java.util.Locale;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * What a mapping applies to, in James's notation: one address {@code user@domain}, every address of a
 * domain {@code *@domain}, or one user name in every domain {@code user@*}. Kept in lower case, so
 * that {@code Bob@Example.com} and {@code bob@example.com} are the same source.
 *
 * @param localPart the part before {@code @}, or {@code *} for any
 * @param domain    the part after {@code @}, or {@code *} for any (never both {@code *})
 */
public record MappingSource(String localPart, String domain) {

    /** The wildcard of {@code *@domain} and {@code user@*}. */
    public static final String ANY = "*";

    public MappingSource {
        localPart = localPart.toLowerCase(Locale.ROOT);
        domain = domain.toLowerCase(Locale.ROOT);
        if (localPart.equals(ANY) && domain.equals(ANY)) {
            throw new IllegalArgumentException("'*@*' would map every address; give a user or a domain");
        }
        check(localPart, domain);
    }

    /**
     * Parses {@code user@domain}, {@code *@domain} or {@code user@*}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static MappingSource parse(String text) {
        String trimmed = text.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a source: use user@domain, *@domain or user@*");
        }
        return new MappingSource(trimmed.substring(0, at), trimmed.substring(at + 1));
    }

    /** The source of exactly this address. */
    public static MappingSource of(MailAddress address) {
        return new MappingSource(address.getLocalPart(), address.getDomain().asString());
    }

    /** {@code *@domain}: every address of the domain. */
    public static MappingSource anyUserOf(Domain domain) {
        return new MappingSource(ANY, domain.asString());
    }

    /** {@code user@*}: the user name in any domain. */
    public static MappingSource userInAnyDomain(String localPart) {
        return new MappingSource(localPart, ANY);
    }

    /**
     * The sources looked up for an address, in James's order: the address itself, then {@code user@*},
     * then {@code *@domain}; the first that has mappings is used.
     */
    public static List<MappingSource> lookupOrder(MailAddress address) {
        return List.of(of(address), userInAnyDomain(address.getLocalPart()), anyUserOf(address.getDomain()));
    }

    public boolean isWholeDomain() {
        return localPart.equals(ANY);
    }

    public boolean isAnyDomain() {
        return domain.equals(ANY);
    }

    public String asString() {
        return localPart + "@" + domain;
    }

    @Override
    public String toString() {
        return asString();
    }

    private static void check(String localPart, String domain) {
        if (localPart.isEmpty() || domain.isEmpty()) {
            throw new IllegalArgumentException("'" + localPart + "@" + domain
                    + "' is not a source: use user@domain, *@domain or user@*");
        }
        String user = localPart.equals(ANY) ? "postmaster" : localPart;
        String host = domain.equals(ANY) ? "localhost" : domain;
        try {
            new MailAddress(user, host);
        } catch (AddressException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + localPart + "@" + domain + "' is not a valid source: "
                    + e.getMessage());
        }
    }
}

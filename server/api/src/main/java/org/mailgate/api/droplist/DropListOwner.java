package org.mailgate.api.droplist;

import jakarta.mail.internet.AddressException;
import java.util.Locale;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * The owner of a drop list: everyone ({@link OwnerScope#GLOBAL}, name empty), a recipient domain, or a
 * recipient address. Names are kept in lower case.
 *
 * @param scope the kind of owner
 * @param name  empty for GLOBAL, the domain for DOMAIN, the address for USER
 */
public record DropListOwner(OwnerScope scope, String name) {

    public DropListOwner {
        name = name.trim().toLowerCase(Locale.ROOT);
        switch (scope) {
            case GLOBAL -> {
                if (!name.isEmpty()) {
                    throw new IllegalArgumentException("the global drop list has no owner name, not '" + name + "'");
                }
            }
            case DOMAIN -> name = checkedDomain(name);
            case USER -> name = checkedAddress(name);
            default -> throw new IllegalArgumentException("unknown scope " + scope);
        }
    }

    public static DropListOwner global() {
        return new DropListOwner(OwnerScope.GLOBAL, "");
    }

    public static DropListOwner domain(Domain domain) {
        return new DropListOwner(OwnerScope.DOMAIN, domain.asString());
    }

    public static DropListOwner user(MailAddress address) {
        return new DropListOwner(OwnerScope.USER, address.asString());
    }

    @Override
    public String toString() {
        return scope == OwnerScope.GLOBAL ? "global" : scope.name().toLowerCase(Locale.ROOT) + " " + name;
    }

    static String checkedDomain(String name) {
        if (name.isEmpty() || name.indexOf('@') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a domain");
        }
        try {
            return Domain.of(name).asString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a domain: " + e.getMessage());
        }
    }

    static String checkedAddress(String name) {
        try {
            return new MailAddress(name).asString().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + name + "' is not an address: " + e.getMessage());
        }
    }
}

package org.mailgate.api.droplist;

import java.util.Locale;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * One drop-list entry: mail from {@code denied} (an address, or every address of a domain) to the
 * recipients of {@code owner} is dropped, as James's {@code DropListEntry}.
 *
 * @param owner  whose list
 * @param type   whether {@code denied} is an address or a domain
 * @param denied the denied sender address or sender domain, in lower case
 */
public record DropListEntry(DropListOwner owner, DeniedEntityType type, String denied) {

    public DropListEntry {
        String text = denied.trim().toLowerCase(Locale.ROOT);
        denied = type == DeniedEntityType.DOMAIN ? DropListOwner.checkedDomain(text)
                : DropListOwner.checkedAddress(text);
    }

    public static DropListEntry denyAddress(DropListOwner owner, MailAddress sender) {
        return new DropListEntry(owner, DeniedEntityType.ADDRESS, sender.asString());
    }

    public static DropListEntry denyDomain(DropListOwner owner, Domain domain) {
        return new DropListEntry(owner, DeniedEntityType.DOMAIN, domain.asString());
    }

    /** An address ({@code spam@bad.example}) or a domain ({@code bad.example}), told apart by the {@code @}. */
    public static DropListEntry deny(DropListOwner owner, String addressOrDomain) {
        DeniedEntityType type = addressOrDomain.indexOf('@') >= 0 ? DeniedEntityType.ADDRESS : DeniedEntityType.DOMAIN;
        return new DropListEntry(owner, type, addressOrDomain);
    }

    @Override
    public String toString() {
        return owner + " denies " + denied;
    }
}

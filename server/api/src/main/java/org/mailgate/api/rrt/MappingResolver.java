package org.mailgate.api.rrt;

import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;

/**
 * Resolves a recipient through a {@link RecipientRewriteTable}, as James's table does:
 * <ul>
 *   <li>the mappings of the first source that has any, among {@code user@domain}, {@code user@*} and
 *       {@code *@domain}, apply, each giving an address;</li>
 *   <li>with {@code recursiveMapping}, each address given is resolved again, and an address without
 *       mappings is final;</li>
 *   <li>an {@code error:} mapping anywhere fails the whole recipient with its text.</li>
 * </ul>
 * Loop-safe: an address that comes back along its own chain is a loop, and a chain longer than
 * {@code mappingLimit} rewrites is refused; both fail the recipient with a message showing the chain.
 * A mapping that gives the very address it rewrites keeps that address as a final one.
 */
public final class MappingResolver {

    private final RecipientRewriteTable table;

    public MappingResolver(RecipientRewriteTable table) {
        this.table = table;
    }

    /** Resolves through mappings of every type. */
    public Resolution resolve(MailAddress recipient) {
        return resolve(recipient, EnumSet.allOf(Mapping.Type.class));
    }

    /** Resolves through mappings of these types only (the mailet leaves {@code forward:} out, as James). */
    public Resolution resolve(MailAddress recipient, Set<Mapping.Type> types) {
        RewriteSettings settings = table.settings();
        try {
            Optional<List<MailAddress>> addresses = expand(recipient, List.of(recipient), types, settings);
            return addresses.<Resolution>map(Resolution.Rewritten::new).orElseGet(Resolution.Unchanged::new);
        } catch (Failure f) {
            return new Resolution.Failed(f.getMessage());
        }
    }

    /** The final addresses of {@code address}, or empty if no mapping applies to it. */
    private Optional<List<MailAddress>> expand(MailAddress address, List<MailAddress> chain, Set<Mapping.Type> types,
                                               RewriteSettings settings) throws Failure {
        List<Mapping> mappings = lookup(address, types);
        if (mappings.isEmpty()) {
            return Optional.empty();
        }
        if (chain.size() > settings.mappingLimit()) {
            throw new Failure("554 5.4.6 Too many mappings to process for " + chain.get(0) + " (mappingLimit "
                    + settings.mappingLimit() + "): " + path(chain) + " -> ...");
        }
        Map<String, MailAddress> found = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            if (mapping.type() == Mapping.Type.ERROR) {
                throw new Failure(mapping.value());
            }
            Optional<String> rewritten = mapping.rewrite(address);
            if (rewritten.isEmpty()) {
                continue;
            }
            MailAddress target = address(rewritten.get(), mapping, address);
            if (!settings.recursive() || key(target).equals(key(address))) {
                found.putIfAbsent(key(target), target);
                continue;
            }
            List<MailAddress> longer = new ArrayList<>(chain);
            longer.add(target);
            if (chain.stream().anyMatch(a -> key(a).equals(key(target)))) {
                throw new Failure("554 5.4.6 Mapping loop for " + chain.get(0) + ": " + path(longer));
            }
            for (MailAddress last : expand(target, longer, types, settings).orElse(List.of(target))) {
                found.putIfAbsent(key(last), last);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(found.values()));
    }

    /** The mappings of the first source that has any, then only those of the wanted types (as James). */
    private List<Mapping> lookup(MailAddress address, Set<Mapping.Type> types) {
        for (MappingSource source : MappingSource.lookupOrder(address)) {
            List<Mapping> mappings = table.mappingsFor(source);
            if (!mappings.isEmpty()) {
                return mappings.stream().filter(m -> types.contains(m.type())).toList();
            }
        }
        return List.of();
    }

    private static MailAddress address(String text, Mapping mapping, MailAddress rewritten) throws Failure {
        try {
            return new MailAddress(text);
        } catch (AddressException e) {
            throw new Failure("553 5.1.3 Mapping " + mapping + " rewrites " + rewritten + " to '" + text
                    + "', which is not a valid address");
        }
    }

    private static String key(MailAddress address) {
        return address.asString().toLowerCase(Locale.ROOT);
    }

    private static String path(List<MailAddress> chain) {
        return chain.stream().map(MailAddress::asString).collect(Collectors.joining(" -> "));
    }

    /** Ends resolution of one recipient; the message is the reason given to the error processor. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason, null, false, false);
        }
    }
}

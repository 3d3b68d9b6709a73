package org.mailgate.api.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The TLS level of particular destinations, as written in RemoteDelivery's {@code tlsPolicy} parameter:
 * comma-separated {@code destination:level} entries, e.g. {@code example.com:verify, .bank.example:encrypt}.
 * A destination is a recipient domain (for delivery to MX hosts) or a gateway host name (with
 * {@code gateway}); {@code .example.com} stands for every subdomain of example.com, not example.com itself.
 * An exact entry wins over a subdomain entry, and a longer subdomain entry over a shorter one.
 */
public record TlsPolicyTable(List<Entry> entries) {

    /** No destination listed. */
    public static final TlsPolicyTable EMPTY = new TlsPolicyTable(List.of());

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** One entry: a domain or host name (lower case), or {@code .domain} for its subdomains. */
    public record Entry(String destination, TlsLevel level) {

        public Entry {
            checkDestination(destination);
        }

        /** {@code destination:level}, as written. */
        @Override
        public String toString() {
            return destination + ":" + level.keyword();
        }
    }

    public TlsPolicyTable {
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (!seen.add(entry.destination())) {
                throw new IllegalArgumentException("entry '" + entry + "' repeats destination " + entry.destination());
            }
        }
    }

    /**
     * Parses the parameter text; blank entries (a trailing comma) are skipped.
     *
     * @throws IllegalArgumentException naming the first malformed entry and what was expected
     */
    public static TlsPolicyTable parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry '" + entry + "' has no level; write destination:level "
                        + "with level none, may, encrypt or verify");
            }
            String destination = entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            TlsLevel level;
            try {
                checkDestination(destination);
                level = TlsLevel.parse(entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry '" + entry + "': " + e.getMessage());
            }
            if (entries.stream().anyMatch(e -> e.destination().equals(destination))) {
                throw new IllegalArgumentException("entry '" + entry + "' repeats destination " + destination);
            }
            entries.add(new Entry(destination, level));
        }
        return new TlsPolicyTable(entries);
    }

    /** The level listed for {@code destination} (a domain or host name, any case), if any entry covers it. */
    public Optional<TlsLevel> levelFor(String destination) {
        String name = destination.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Entry best = null;
        for (Entry entry : entries) {
            String listed = entry.destination();
            if (listed.equals(name)) {
                return Optional.of(entry.level());
            }
            if (listed.startsWith(".") && name.endsWith(listed)
                    && (best == null || listed.length() > best.destination().length())) {
                best = entry;
            }
        }
        return Optional.ofNullable(best).map(Entry::level);
    }

    /** True if some entry has this level. */
    public boolean lists(TlsLevel level) {
        return entries.stream().anyMatch(e -> e.level() == level);
    }

    private static void checkDestination(String destination) {
        if (destination.isEmpty()) {
            throw new IllegalArgumentException("empty destination");
        }
        String name = destination.startsWith(".") ? destination.substring(1) : destination;
        if (name.isEmpty() || name.length() > 253 || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + destination + "' is not a domain or host name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + destination + "' is not a domain or host name");
            }
        }
    }
}

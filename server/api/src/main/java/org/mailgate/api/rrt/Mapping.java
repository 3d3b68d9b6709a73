package org.mailgate.api.rrt;

import jakarta.mail.internet.AddressException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * One target of a recipient rewrite, in James's notation ({@link #parse}):
 * <ul>
 *   <li>{@code user@domain} or a bare {@code user} (which takes the domain of the address rewritten): an
 *       address the mail goes to instead;</li>
 *   <li>{@code domain:real.example}: the same user name in another domain (an alias domain);</li>
 *   <li>{@code regex:<pattern>:<replacement>}: when the whole address matches the pattern, the replacement
 *       with {@code ${1}}, {@code ${2}}… taken from its groups (a pattern cannot contain {@code :});</li>
 *   <li>{@code error:<text>}: the address is refused; the text (e.g. {@code 550 5.1.1 No such user})
 *       becomes the mail's error message in the error processor;</li>
 *   <li>{@code forward:}, {@code group:}, {@code alias:} followed by an address: James's typed address
 *       mappings; {@code forward:} keeps its own behaviour in the RecipientRewriteTable mailet.</li>
 * </ul>
 * Addresses and domains are kept in lower case; regex and error text as written. Two mappings are equal
 * when their type and value are. A value class rather than a record, so that a regex mapping compiles its
 * pattern once and not for every address it rewrites.
 */
public final class Mapping {

    /** The kinds of mapping and their prefixes, as James writes them. */
    public enum Type {
        ADDRESS(""),
        REGEX("regex:"),
        DOMAIN("domain:"),
        ERROR("error:"),
        FORWARD("forward:"),
        GROUP("group:"),
        ALIAS("alias:");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** Whether the value is an address (or a bare user name) the mail is sent to. */
        public boolean isAddress() {
            return this == ADDRESS || this == FORWARD || this == GROUP || this == ALIAS;
        }
    }

    /** A regex mapping's pattern, compiled once, and its replacement. */
    private record Regex(Pattern pattern, String replacement) {
    }

    private final Type type;
    private final String value;
    /** Only for {@link Type#REGEX}. */
    private final Regex regex;

    /**
     * @param type  the kind of mapping
     * @param value the mapping without its prefix
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    public Mapping(Type type, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.value = normalise(type, value.trim());
        this.regex = type == Type.REGEX ? compiled(this.value) : null;
    }

    /**
     * Parses a mapping as written in {@code recipientrewritetable.xml} or given to the admin API.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Mapping parse(String text) {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        for (Type type : Type.values()) {
            if (!type.prefix.isEmpty() && lower.startsWith(type.prefix)) {
                return new Mapping(type, trimmed.substring(type.prefix.length()));
            }
        }
        return new Mapping(Type.ADDRESS, trimmed);
    }

    public static Mapping address(String address) {
        return new Mapping(Type.ADDRESS, address);
    }

    public static Mapping domain(Domain domain) {
        return new Mapping(Type.DOMAIN, domain.asString());
    }

    public static Mapping regex(String patternAndReplacement) {
        return new Mapping(Type.REGEX, patternAndReplacement);
    }

    public static Mapping error(String text) {
        return new Mapping(Type.ERROR, text);
    }

    public static Mapping forward(String address) {
        return new Mapping(Type.FORWARD, address);
    }

    /** As written: prefix and value, e.g. {@code domain:real.example}. */
    public String asString() {
        return type.prefix + value;
    }

    /** The kind of mapping. */
    public Type type() {
        return type;
    }

    /** The mapping without its prefix. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mapping that && type == that.type && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    @Override
    public String toString() {
        return asString();
    }

    /**
     * The address this mapping rewrites {@code address} to, as text: empty when a regex does not match.
     * A result without {@code @} takes the domain of {@code address}, as in James.
     *
     * @throws IllegalStateException for an {@code error:} mapping, which rewrites nothing
     */
    public Optional<String> rewrite(MailAddress address) {
        Optional<String> rewritten = switch (type) {
            case ADDRESS, FORWARD, GROUP, ALIAS -> Optional.of(value);
            case DOMAIN -> Optional.of(address.getLocalPart() + "@" + value);
            case REGEX -> regexRewrite(address.asString());
            case ERROR -> throw new IllegalStateException("an error mapping rewrites nothing: " + asString());
        };
        return rewritten.map(r -> r.indexOf('@') < 0 ? r + "@" + address.getDomain().asString() : r);
    }

    private Optional<String> regexRewrite(String address) {
        Matcher matcher = regex.pattern().matcher(address);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String result = regex.replacement();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String found = matcher.group(group);
            result = result.replace("${" + group + "}", found == null ? "" : found);
        }
        return Optional.of(result);
    }

    private static List<String> regexParts(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'regex:" + value + "' must be regex:<pattern>:<replacement>, "
                    + "with exactly one ':' after the pattern, e.g. regex:(.*)@old\\.example:${1}@new.example");
        }
        return List.of(parts[0], parts[1]);
    }

    private static String normalise(Type type, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(type == Type.ADDRESS ? "empty mapping"
                    : "'" + type.prefix + "' needs a value after the prefix");
        }
        return switch (type) {
            case ADDRESS, FORWARD, GROUP, ALIAS -> addressOrUser(type, value);
            case DOMAIN -> domainName(value);
            case REGEX, ERROR -> value;
        };
    }

    private static String addressOrUser(Type type, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            if (lower.indexOf('@') < 0) {
                new MailAddress(lower, "localhost");
            } else {
                new MailAddress(lower);
            }
            return lower;
        } catch (AddressException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + type.prefix + value + "' is not an address or user name: "
                    + e.getMessage());
        }
    }

    private static String domainName(String value) {
        try {
            return Domain.of(value.toLowerCase(Locale.ROOT)).asString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'domain:" + value + "' does not name a domain: " + e.getMessage());
        }
    }

    private static Regex compiled(String value) {
        List<String> parts = regexParts(value);
        try {
            return new Regex(Pattern.compile(parts.get(0)), parts.get(1));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'regex:" + value + "' has an invalid pattern: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }
}

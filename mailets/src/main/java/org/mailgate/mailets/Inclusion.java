package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of the original message goes into a new one: the values of James's {@code inline} and
 * {@code attachment} parameters. James reads an unknown value as {@code none}; Mailgate refuses it.
 */
enum Inclusion {
    /** The original message is the new message (inline only). */
    UNALTERED,
    /** The header section of the original. */
    HEADS,
    /** The body of the original, as it is stored. */
    BODY,
    /** Both the header section and the body. */
    ALL,
    /** Nothing. */
    NONE,
    /** The whole original as {@code message/rfc822} (attachment only). */
    MESSAGE;

    /** What the text of a new message may quote: James's {@code inline} less {@code unaltered}. */
    static final Set<Inclusion> QUOTED = EnumSet.of(HEADS, BODY, ALL, NONE);
    /** What a new message may attach: James's {@code attachment} of the Redirect family. */
    static final Set<Inclusion> ATTACHED = EnumSet.of(HEADS, BODY, ALL, NONE, MESSAGE);
    /** What a delivery status notification may return (RFC 3464: the message, its headers or nothing). */
    static final Set<Inclusion> RETURNED = EnumSet.of(MESSAGE, HEADS, NONE);

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws MessagingException naming the parameter and the allowed values when {@code value} is
     *                            none of them
     */
    static Inclusion parse(String parameter, Optional<String> value, Inclusion defaultValue, Set<Inclusion> allowed)
            throws MessagingException {
        if (value.isEmpty()) {
            return defaultValue;
        }
        for (Inclusion inclusion : allowed) {
            if (inclusion.keyword().equalsIgnoreCase(value.get())) {
                return inclusion;
            }
        }
        throw new MessagingException("parameter " + parameter + " must be one of "
                + allowed.stream().sorted().map(Inclusion::keyword).collect(Collectors.joining(", "))
                + ", not '" + value.get() + "'");
    }
}

package org.mailgate.mailets;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The special ("magic") values that James's Redirect family accepts where an address is expected,
 * matched without regard to case. Which of them a parameter allows is up to the mailet; what they
 * stand for is resolved against each mail by {@link AddressList}.
 */
enum SpecialAddress {
    /** The postmaster of this server. */
    POSTMASTER("postmaster"),
    /** The envelope sender of the original mail. */
    SENDER("sender"),
    /** The From header of the original (for envelope recipients: the envelope sender, as James does). */
    FROM("from"),
    /** The Reply-To header of the original, else its From, else its Sender header, else the envelope sender. */
    REPLY_TO("replyTo"),
    /** The envelope sender of the original mail. */
    REVERSE_PATH("reversePath"),
    /** The To header of the original (for envelope recipients: the original recipients). */
    TO("to"),
    /** The original recipients (for the To header: the original To header). */
    RECIPIENTS("recipients"),
    /** Recognised as in James, and allowed by none of these mailets, as in James. */
    DELETE("delete"),
    /** Leave the field as it is. */
    UNALTERED("unaltered"),
    /** Remove the field (a null reverse-path for {@code reversePath}). */
    NULL("null");

    /** What the {@code sender} parameter of these mailets allows besides an address. */
    static final Set<SpecialAddress> FOR_SENDER = EnumSet.of(POSTMASTER, SENDER, UNALTERED);

    private final String keyword;

    SpecialAddress(String keyword) {
        this.keyword = keyword;
    }

    String keyword() {
        return keyword;
    }

    static Optional<SpecialAddress> of(String token) {
        String trimmed = token.trim();
        return Arrays.stream(values()).filter(s -> s.keyword.equalsIgnoreCase(trimmed)).findFirst();
    }

    static String keywords(Collection<SpecialAddress> specials) {
        return specials.stream().sorted().map(SpecialAddress::keyword).collect(Collectors.joining(", "));
    }
}

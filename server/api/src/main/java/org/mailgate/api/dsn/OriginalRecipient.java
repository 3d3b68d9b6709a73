package org.mailgate.api.dsn;

import java.util.Locale;

/**
 * The ORCPT parameter of RCPT TO (RFC 3461 4.2): the address type and, in xtext, the recipient address
 * as the sender first gave it. It is kept exactly as received, so that it is relayed unchanged (RFC 3461
 * 5.2.1 d); reports show it decoded in their {@code Original-Recipient} field.
 *
 * @param addressType an atom naming the address type, e.g. {@code rfc822}, as received
 * @param xtext       the address, xtext-encoded, as received; it decodes to printable US-ASCII
 */
public record OriginalRecipient(String addressType, String xtext) {

    /** The longest ORCPT value accepted (RFC 3461 4.2 and 5.4: up to 500 characters). */
    public static final int MAX_LENGTH = 500;

    /**
     * @throws IllegalArgumentException saying what is wrong, in words fit for an SMTP reply
     */
    public OriginalRecipient {
        if (addressType.isEmpty() || !addressType.chars().allMatch(OriginalRecipient::isAtext)) {
            throw new IllegalArgumentException("ORCPT address type '" + addressType
                    + "' is not an atom; expected e.g. rfc822;bob@example.com");
        }
        if (addressType.length() + 1 + xtext.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ORCPT longer than " + MAX_LENGTH + " characters");
        }
        String address;
        try {
            address = XText.decode(xtext);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ORCPT address is not xtext: " + e.getMessage(), e);
        }
        if (address.isEmpty()) {
            throw new IllegalArgumentException("ORCPT has an empty address; expected e.g. rfc822;bob@example.com");
        }
        if (!XText.isPrintableAscii(address)) {
            throw new IllegalArgumentException("ORCPT address must decode to printable US-ASCII");
        }
    }

    /**
     * Parses {@code addr-type;xtext}.
     *
     * @throws IllegalArgumentException saying what is wrong, in words fit for an SMTP reply
     */
    public static OriginalRecipient parse(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon < 0) {
            throw new IllegalArgumentException(value.isEmpty() ? "ORCPT needs a value, e.g. rfc822;bob@example.com"
                    : "ORCPT must be address-type;address, e.g. rfc822;bob@example.com");
        }
        return new OriginalRecipient(value.substring(0, semicolon), value.substring(semicolon + 1));
    }

    /** An {@code rfc822} original recipient for a plain address (encoded here). */
    public static OriginalRecipient rfc822(String address) {
        return new OriginalRecipient("rfc822", XText.encode(address));
    }

    /** The address, decoded from xtext. */
    public String address() {
        return XText.decode(xtext);
    }

    /** Whether the address type is {@code rfc822}, the type of Internet mail addresses. */
    public boolean isRfc822() {
        return addressType.toLowerCase(Locale.ROOT).equals("rfc822");
    }

    /** The value for an ORCPT parameter: exactly as it was received. */
    public String parameter() {
        return addressType + ";" + xtext;
    }

    /** The value of an {@code Original-Recipient} report field (RFC 3464 2.3.1): type and decoded address. */
    public String field() {
        return addressType + ";" + address();
    }

    /** RFC 5322 atext. */
    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }
}

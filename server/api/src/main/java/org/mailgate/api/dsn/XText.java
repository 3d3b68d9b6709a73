package org.mailgate.api.dsn;

import java.nio.charset.StandardCharsets;

/**
 * The "xtext" encoding of RFC 3461 section 4, in which ENVID and ORCPT values travel as SMTP
 * parameters: a character from {@code !} to {@code ~} other than {@code +} and {@code =} stands for
 * itself; any other octet is written {@code +} and two upper-case hexadecimal digits.
 */
public final class XText {

    private XText() {
    }

    /** The xtext form of {@code text}: each character outside the xchar range as {@code +HH} of its UTF-8 octets. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int octet = b & 0xFF;
            if (isXChar(octet)) {
                out.append((char) octet);
            } else {
                out.append('+').append(Character.toUpperCase(Character.forDigit(octet >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(octet & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The octets that {@code xtext} stands for, each as the character of that code (ISO-8859-1), so that a
     * caller can check that they are printable US-ASCII as RFC 3461 asks of ENVID and ORCPT.
     *
     * @throws IllegalArgumentException naming the first character that is not xtext and its position (1-based)
     */
    public static String decode(String xtext) {
        StringBuilder out = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length() || !isUpperHex(xtext.charAt(i + 1)) || !isUpperHex(xtext.charAt(i + 2))) {
                    throw new IllegalArgumentException("'+' at position " + (i + 1)
                            + " must be followed by two upper-case hexadecimal digits");
                }
                out.append((char) Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (isXChar(c)) {
                out.append(c);
            } else {
                throw new IllegalArgumentException(describe(c) + " at position " + (i + 1)
                        + " is not allowed in xtext; write it as +HH");
            }
        }
        return out.toString();
    }

    /** Whether {@code text} is printable US-ASCII: graphic characters, space and tab (RFC 3461 4.2, 4.4). */
    static boolean isPrintableAscii(String text) {
        return text.chars().allMatch(c -> c == '\t' || (c >= ' ' && c <= '~'));
    }

    private static boolean isXChar(int c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    private static String describe(char c) {
        return c >= '!' && c <= '~' ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }
}

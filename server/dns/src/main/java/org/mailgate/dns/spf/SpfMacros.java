package org.mailgate.dns.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** SPF macros (RFC 7208 7): syntax check and expansion. */
final class SpfMacros {

    private static final String DELIMITERS = ".-+,/_=";
    private static final int MAX_DOMAIN = 253;

    /** What the macro letters stand for in one evaluation. */
    interface Values {
        /** The value of macro letter {@code letter} (lower case); may ask DNS (the {@code p} macro). */
        String value(char letter) throws SpfException;
    }

    private SpfMacros() {
    }

    /** Checks the syntax of a macro-string; a bad macro is a permerror. */
    static void checkSyntax(String text) throws SpfException {
        scan(text, null, true);
    }

    /**
     * Expands a domain-spec: macros replaced, and the result shortened from the left to at most 253
     * characters (RFC 7208 7.3). The letters {@code c}, {@code r}, {@code t} are for explanations only.
     */
    static String expandDomain(String spec, Values values) throws SpfException {
        String expanded = scan(spec, values, false);
        if (expanded.endsWith(".")) {
            expanded = expanded.substring(0, expanded.length() - 1);
        }
        while (expanded.length() > MAX_DOMAIN && expanded.contains(".")) {
            expanded = expanded.substring(expanded.indexOf('.') + 1);
        }
        return expanded;
    }

    /** Expands an explanation string, where every macro letter may be used. */
    static String expandExplanation(String text, Values values) throws SpfException {
        return scan(text, values, true);
    }

    /** Walks {@code text}; with {@code values} null it only checks. */
    private static String scan(String text, Values values, boolean explanation) throws SpfException {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                if (c < 0x21 && !(explanation && c == ' ') || c > 0x7e) {
                    throw SpfException.permError("character " + (int) c + " is not allowed in '" + text + "'");
                }
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw SpfException.permError("'%' at the end of '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> out.append('%');
                case '_' -> out.append(' ');
                case '-' -> out.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw SpfException.permError("unclosed macro in '" + text + "'");
                    }
                    out.append(macro(text.substring(i + 2, close), values, explanation, text));
                    i = close + 1;
                    continue;
                }
                default -> throw SpfException.permError("'%" + next + "' is not a macro in '" + text + "'");
            }
            i += 2;
        }
        return out.toString();
    }

    private static String macro(String body, Values values, boolean explanation, String text) throws SpfException {
        if (body.isEmpty()) {
            throw SpfException.permError("empty macro in '" + text + "'");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        boolean known = "slodiphv".indexOf(lower) >= 0 || explanation && "crt".indexOf(lower) >= 0;
        if (!known) {
            throw SpfException.permError("unknown macro letter '" + letter + "' in '" + text + "'");
        }
        int pos = 1;
        int digitsStart = pos;
        while (pos < body.length() && Character.isDigit(body.charAt(pos))) {
            pos++;
        }
        int keep = 0;
        if (pos > digitsStart) {
            String digits = body.substring(digitsStart, pos);
            keep = digits.length() > 3 ? 1000 : Integer.parseInt(digits);
            if (keep == 0) {
                throw SpfException.permError("a macro keeps at least one part, in '" + text + "'");
            }
        }
        boolean reverse = false;
        if (pos < body.length() && Character.toLowerCase(body.charAt(pos)) == 'r') {
            reverse = true;
            pos++;
        }
        String delimiters = body.substring(pos);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw SpfException.permError("'" + d + "' is not a macro delimiter, in '" + text + "'");
            }
        }
        if (values == null) {
            return "";
        }
        String value = values.value(lower);
        String result = transform(value, keep, reverse, delimiters.isEmpty() ? "." : delimiters);
        return Character.isUpperCase(letter) ? urlEscape(result) : result;
    }

    private static String transform(String value, int keep, boolean reverse, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        return String.join(".", parts);
    }

    /** Escapes all but the unreserved characters of RFC 3986, as RFC 7208 7.3 asks for upper-case macros. */
    private static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** The {@code i} macro: dotted quad, or 32 dot-separated nibbles for IPv6 (RFC 7208 7.3). */
    static String dottedAddress(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        String hex = HexFormat.of().formatHex(address.getAddress());
        return String.join(".", Arrays.asList(hex.split(""))).toLowerCase(Locale.ROOT);
    }
}

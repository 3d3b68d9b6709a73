package org.mailgate.api.net;

import java.util.Locale;

/**
 * A host name or address literal with a port, as in {@code mx.example.com:25} or {@code [::1]:2525}.
 * Port 0 is allowed (a listener on any free port); where it makes no sense the caller refuses it.
 */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal.
     *
     * @throws IllegalArgumentException if the text is not of those forms
     */
    public static HostAndPort parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in '" + text + "'");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostAndPort(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected :port after ] in '" + text + "'");
            }
            return new HostAndPort(host, port(rest.substring(1), text));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            return new HostAndPort(s, defaultPort);
        }
        if (colon < 0) {
            return new HostAndPort(validHost(s, text), defaultPort);
        }
        return new HostAndPort(validHost(s.substring(0, colon), text), port(s.substring(colon + 1), text));
    }

    private static String validHost(String host, String text) {
        if (!host.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a host name or address: '" + text + "'");
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private static int port(String s, String text) {
        try {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + text + "'");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}

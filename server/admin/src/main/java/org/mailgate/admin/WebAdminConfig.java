package org.mailgate.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.delivery.RetrySchedule;

/**
 * {@code webadmin.properties}, James's file for its admin API: {@code enabled} (default true),
 * {@code host} (default 127.0.0.1: loopback only), {@code port} (default 8000; 0 picks a free one),
 * {@code token} (the bearer token; if absent one is generated into {@code var/}),
 * {@code health.maxReadyAge} (default 15m: the outgoing queue counts as stuck when a due entry waited
 * longer), {@code metrics.destinations} (recipient domains whose deliveries get series of their own in
 * {@code /metrics}; default none: every domain counts as "other"). A missing file means the defaults.
 */
public record WebAdminConfig(boolean enabled, String host, int port, Optional<String> token, Duration maxReadyAge,
                             Set<String> metricsDestinations) {

    public static final String FILE = "webadmin.properties";
    private static final List<String> KEYS = List.of("enabled", "host", "port", "token", "health.maxReadyAge",
            "metrics.destinations");
    /** A domain name as {@code metrics.destinations} lists it. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Duration DEFAULT_MAX_READY_AGE = Duration.ofMinutes(15);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");
    static final String TOKEN_SHAPE = "at least 16 characters of A-Z a-z 0-9 . _ ~ + / = -";

    public WebAdminConfig {
        metricsDestinations = Set.copyOf(metricsDestinations);
    }

    public static WebAdminConfig defaults() {
        return new WebAdminConfig(true, "127.0.0.1", 8000, Optional.empty(), DEFAULT_MAX_READY_AGE, Set.of());
    }

    /** Reads {@code conf/webadmin.properties}; errors name file, line and key, and give the defaults for that key. */
    public static WebAdminConfig read(Path confDir, ConfigReport report) {
        Path path = confDir.resolve(FILE);
        if (!Files.exists(path)) {
            return defaults();
        }
        String file = ConfigFiles.displayName(confDir, FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            report.error(file, 0, "cannot read: " + e.getMessage());
            return defaults();
        }
        WebAdminConfig defaults = defaults();
        boolean enabled = defaults.enabled();
        String host = defaults.host();
        int port = defaults.port();
        Optional<String> token = Optional.empty();
        Duration maxReadyAge = defaults.maxReadyAge();
        Set<String> destinations = defaults.metricsDestinations();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
                continue;
            }
            int separator = firstSeparator(text);
            if (separator < 0) {
                report.error(file, line, "expected key=value, got '" + text + "'");
                continue;
            }
            String key = text.substring(0, separator).strip();
            String value = text.substring(separator + 1).strip();
            if (!KEYS.contains(key)) {
                report.error(file, line, "unknown key '" + key + "'; allowed: " + String.join(", ", KEYS));
                continue;
            }
            if (!seen.add(key)) {
                report.error(file, line, key + ": given twice");
                continue;
            }
            switch (key) {
                case "enabled" -> {
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        enabled = Boolean.parseBoolean(value.toLowerCase());
                    } else {
                        report.error(file, line, "enabled: expected true or false, got '" + value + "'");
                    }
                }
                case "host" -> {
                    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                        report.error(file, line, "host: expected an address or host name to listen on, got '"
                                + value + "'");
                    } else {
                        host = value;
                    }
                }
                case "port" -> {
                    try {
                        port = Integer.parseInt(value);
                        if (port < 0 || port > 65535) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        report.error(file, line, "port: expected a port number 0-65535, got '" + value + "'");
                        port = defaults.port();
                    }
                }
                case "health.maxReadyAge" -> {
                    try {
                        maxReadyAge = RetrySchedule.duration(value);
                        if (maxReadyAge.isZero()) {
                            throw new IllegalArgumentException("'" + value + "' is zero");
                        }
                    } catch (IllegalArgumentException e) {
                        report.error(file, line, "health.maxReadyAge: expected a positive duration such as 15m or 1 hour: "
                                + e.getMessage());
                        maxReadyAge = defaults.maxReadyAge();
                    }
                }
                case "metrics.destinations" -> {
                    Optional<Set<String>> listed = domains(value);
                    if (listed.isPresent()) {
                        destinations = listed.get();
                    } else {
                        report.error(file, line, "metrics.destinations: expected domain names separated by commas "
                                + "or spaces, such as example.com, example.net; got '" + value + "'");
                    }
                }
                default -> {
                    if (isToken(value)) {
                        token = Optional.of(value);
                    } else {
                        report.error(file, line, "token: expected " + TOKEN_SHAPE);
                    }
                }
            }
        }
        return new WebAdminConfig(enabled, host, port, token, maxReadyAge, destinations);
    }

    /** The domains of a comma- or space-separated list, in lower case; empty if one is not a domain name. */
    private static Optional<Set<String>> domains(String value) {
        Set<String> domains = new TreeSet<>();
        for (String domain : value.split("[,\\s]+")) {
            if (domain.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(domain).matches()) {
                return Optional.empty();
            }
            domains.add(domain.toLowerCase(Locale.ROOT));
        }
        return Optional.of(domains);
    }

    /** Whether {@code value} may be a bearer token, configured here or kept in {@code var/}. */
    static boolean isToken(String value) {
        return TOKEN.matcher(value).matches();
    }

    private static int firstSeparator(String text) {
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    @Override
    public String toString() {
        return "WebAdminConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token="
                + (token.isPresent() ? "(configured)" : "(generated)") + ", health.maxReadyAge=" + maxReadyAge
                + ", metrics.destinations=" + metricsDestinations + "]";
    }
}

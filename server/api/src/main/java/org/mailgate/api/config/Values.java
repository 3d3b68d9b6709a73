package org.mailgate.api.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Typed reading of element text. Each method reports a precise error (file, line, setting, what was
 * expected) and returns the default, so reading goes on and all errors are listed at once.
 */
public final class Values {

    private Values() {
    }

    public static int intValue(XmlElement e, int min, int max, int defaultValue, ConfigReport report) {
        try {
            int value = Integer.parseInt(e.text().trim());
            if (value < min || value > max) {
                report.error(e, "<" + e.name() + "> must be between " + min + " and " + max + ", not " + value);
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException ex) {
            report.error(e, "<" + e.name() + "> must be a whole number, not '" + e.text() + "'");
            return defaultValue;
        }
    }

    public static long longValue(XmlElement e, long min, long max, long defaultValue, ConfigReport report) {
        try {
            long value = Long.parseLong(e.text().trim());
            if (value < min || value > max) {
                report.error(e, "<" + e.name() + "> must be between " + min + " and " + max + ", not " + value);
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException ex) {
            report.error(e, "<" + e.name() + "> must be a whole number, not '" + e.text() + "'");
            return defaultValue;
        }
    }

    public static boolean booleanValue(XmlElement e, boolean defaultValue, ConfigReport report) {
        return parseBoolean(e.text(), e, "<" + e.name() + ">", defaultValue, report);
    }

    public static boolean booleanAttribute(XmlElement e, String attribute, boolean defaultValue,
                                           ConfigReport report) {
        Optional<String> value = e.attribute(attribute);
        return value.map(v -> parseBoolean(v, e, "attribute " + attribute + " of <" + e.name() + ">", defaultValue,
                report)).orElse(defaultValue);
    }

    private static boolean parseBoolean(String text, XmlElement e, String what, boolean defaultValue,
                                        ConfigReport report) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> {
                return true;
            }
            case "false", "no" -> {
                return false;
            }
            default -> {
                report.error(e, what + " must be true or false, not '" + text + "'");
                return defaultValue;
            }
        }
    }

    /** Non-empty text, or an error. */
    public static Optional<String> requiredText(XmlElement e, ConfigReport report) {
        if (e.text().isBlank()) {
            report.error(e, "<" + e.name() + "> must not be empty");
            return Optional.empty();
        }
        return Optional.of(e.text().trim());
    }
}

package org.mailgate.api.mailet;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.mailet.MailetConfig;

/**
 * Checked access to a mailet's init parameters: every Mailgate mailet declares the parameters it
 * knows, and an unknown one (a typo, a setting for another product) stops the configuration with a
 * message that lists the allowed names.
 */
public final class MailetParameters {

    private final MailetConfig config;

    private MailetParameters(MailetConfig config) {
        this.config = config;
    }

    /**
     * @throws MessagingException naming every unknown parameter and the allowed ones
     */
    public static MailetParameters of(MailetConfig config, Set<String> known) throws MessagingException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = config.getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessagingException((unknown.size() == 1 ? "unknown parameter " : "unknown parameters ")
                    + String.join(", ", unknown) + "; allowed: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(known))));
        }
        return new MailetParameters(config);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(config.getInitParameter(name)).map(String::trim);
    }

    /** @throws MessagingException if the parameter is missing or empty */
    public String required(String name) throws MessagingException {
        return get(name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new MessagingException("parameter " + name + " is required"));
    }

    public boolean bool(String name, boolean defaultValue) throws MessagingException {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new MessagingException("parameter " + name + " must be true or false, not '"
                    + value.get() + "'");
        };
    }

    public long number(String name, long min, long max, long defaultValue) throws MessagingException {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value.get());
            if (n < min || n > max) {
                throw new MessagingException("parameter " + name + " must be between " + min + " and " + max
                        + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MessagingException("parameter " + name + " must be a whole number, not '" + value.get() + "'");
        }
    }
}

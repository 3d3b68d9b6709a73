package org.mailgate.api.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to try again after a temporary failure, with James's {@code delayTime} / {@code maxRetries}
 * semantics: {@code "5000, 100000, 500000"} or {@code "4*15 minute, 6 hour"}; a delay without a unit is
 * in milliseconds; the number of retries is the larger of {@code maxRetries} and the number of delays
 * listed; once the list is used up its last delay repeats.
 */
public record RetrySchedule(List<Duration> delays, int maxRetries, Duration maxAge, Optional<Duration> delayWarning,
                            Optional<Integer> maxDnsProblemRetries) {

    /** How long a message may wait for delivery by default before temporary failures are final (as Postfix). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(5);

    private static final Pattern ENTRY = Pattern.compile("^\\s*(?:(\\d+)\\s*\\*)?\\s*(\\d+)\\s*([a-zA-Z]*)\\s*$");

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one delay is needed");
        }
        maxRetries = Math.max(maxRetries, delays.size());
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the age limit must be positive");
        }
        if (delayWarning.filter(w -> w.isNegative() || w.isZero()).isPresent()) {
            throw new IllegalArgumentException("the delay warning time must be positive");
        }
        if (maxDnsProblemRetries.filter(n -> n < 0).isPresent()) {
            throw new IllegalArgumentException("maxDnsProblemRetries must not be negative");
        }
    }

    /** The same schedule with an age limit ({@code maxAge}) and a delay warning time ({@code delayWarning}). */
    public RetrySchedule withLimits(Duration newMaxAge, Optional<Duration> newDelayWarning) {
        return new RetrySchedule(delays, maxRetries, newMaxAge, newDelayWarning, maxDnsProblemRetries);
    }

    /**
     * The same schedule where a temporary DNS problem (timeout, SERVFAIL) of a destination becomes
     * permanent once the mail has failed {@code retries} times (James's {@code maxDnsProblemRetries});
     * without it, DNS problems are retried like any temporary failure.
     */
    public RetrySchedule withDnsProblemRetries(int retries) {
        return new RetrySchedule(delays, maxRetries, maxAge, delayWarning, Optional.of(retries));
    }

    /**
     * One duration in the units of James's grammar, e.g. {@code 5 days}, {@code 4 hours}, {@code 90 s}
     * (no unit means milliseconds).
     */
    public static Duration duration(String text) {
        Matcher m = ENTRY.matcher(text);
        if (!m.matches() || m.group(1) != null) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a duration; write amount [unit], e.g. 5 days");
        }
        return unit(m.group(3), text).multipliedBy(Long.parseLong(m.group(2)));
    }

    /**
     * Parses James's {@code delayTime} grammar.
     *
     * @throws IllegalArgumentException naming the entry that is wrong and the units allowed
     */
    public static RetrySchedule parse(String delayTime, int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        List<Duration> delays = new ArrayList<>();
        for (String entry : delayTime.split(",")) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not a delay; write [count*]amount [unit]");
            }
            int count = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            if (count < 1 || count > 1000) {
                throw new IllegalArgumentException("repeat count in '" + entry.trim() + "' must be 1..1000");
            }
            Duration delay = unit(m.group(3), entry).multipliedBy(Long.parseLong(m.group(2)));
            for (int i = 0; i < count; i++) {
                delays.add(delay);
            }
        }
        return new RetrySchedule(delays, maxRetries, DEFAULT_MAX_AGE, Optional.empty(), Optional.empty());
    }

    private static Duration unit(String unit, String entry) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "ms", "msec", "msecs" -> Duration.ofMillis(1);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hour", "hours" -> Duration.ofHours(1);
            case "d", "day", "days" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in '" + entry.trim()
                    + "'; allowed: ms, msec, s, sec, second, m, minute, h, hour, d, day (plurals too)");
        };
    }

    /** The wait before the next attempt after {@code failedAttempts} failures; empty when none is left. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > maxRetries) {
            return Optional.empty();
        }
        return Optional.of(delays.get(Math.min(failedAttempts, delays.size()) - 1));
    }
}

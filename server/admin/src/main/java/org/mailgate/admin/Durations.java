package org.mailgate.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.mailgate.api.delivery.RetrySchedule;

/** Durations in query parameters: ISO-8601 ({@code PT2H}, {@code P3D}) or James's grammar ({@code 2h}, {@code 3 days}). */
final class Durations {

    private Durations() {
    }

    /** The duration in {@code value}, positive; a 400 naming {@code param} otherwise. */
    static Duration parse(String param, String value) throws ApiException {
        Duration duration;
        try {
            if (value.matches("\\s*[0-9]+\\s*")) {
                throw new IllegalArgumentException("a unit is needed");
            }
            duration = value.strip().toUpperCase(java.util.Locale.ROOT).startsWith("P")
                    ? Duration.parse(value.strip()) : RetrySchedule.duration(value);
            duration.toMillis(); // users of the duration count in milliseconds: one past that range is refused here
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest("'" + param + "' must be a duration such as 2h, 3d or PT30M; got '" + value
                    + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw ApiException.badRequest("'" + param + "' must be a positive duration; got '" + value + "'");
        }
        return duration;
    }
}

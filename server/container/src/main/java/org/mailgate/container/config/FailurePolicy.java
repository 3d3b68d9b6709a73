package org.mailgate.container.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens when a matcher or mailet throws ({@code onMatchException} / {@code onMailetException}).
 */
public sealed interface FailurePolicy {

    /** Move the mail to the {@code error} processor (the default), with the error recorded on it. */
    record ToError() implements FailurePolicy {
    }

    /** Move the mail to another processor, with the error recorded on it. */
    record ToProcessor(String processor) implements FailurePolicy {
    }

    /** Mailets only: go on with the next pair as if nothing happened. */
    record Ignore() implements FailurePolicy {
    }

    /** Matchers only: treat the failure as "no recipient matched". */
    record NoMatch() implements FailurePolicy {
    }

    /** Matchers only: treat the failure as "every recipient matched". */
    record MatchAll() implements FailurePolicy {
    }

    /** Give the failure to the spooler, which retries the mail later from the start. */
    record Propagate() implements FailurePolicy {
    }

    /** Parses a mailet policy: {@code error}, {@code ignore}, {@code propagate} or a processor name. */
    static FailurePolicy forMailet(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> new ToError();
            case "ignore" -> new Ignore();
            case "propagate" -> new Propagate();
            default -> new ToProcessor(text.trim());
        };
    }

    /** Parses a matcher policy: {@code error}, {@code nomatch}, {@code matchall}, {@code propagate} or a processor. */
    static FailurePolicy forMatcher(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> new ToError();
            case "nomatch" -> new NoMatch();
            case "matchall" -> new MatchAll();
            case "propagate" -> new Propagate();
            default -> new ToProcessor(text.trim());
        };
    }

    /** The processor this policy sends mail to, if it names one. */
    default Optional<String> targetProcessor() {
        return this instanceof ToProcessor p ? Optional.of(p.processor()) : Optional.empty();
    }
}

package org.mailgate.container.config;

import java.util.Optional;

/**
 * A {@code match} or {@code notmatch} attribute: {@code RemoteAddrInNetwork=127.0.0.0/8} is the
 * matcher {@code RemoteAddrInNetwork} with the condition {@code 127.0.0.0/8}.
 */
public record MatcherSpec(String name, Optional<String> condition, boolean inverted) {

    public static MatcherSpec parse(String text, boolean inverted) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new MatcherSpec(text.trim(), Optional.empty(), inverted);
        }
        return new MatcherSpec(text.substring(0, equals).trim(), Optional.of(text.substring(equals + 1)), inverted);
    }

    @Override
    public String toString() {
        return (inverted ? "not " : "") + name + condition.map(c -> "=" + c).orElse("");
    }
}

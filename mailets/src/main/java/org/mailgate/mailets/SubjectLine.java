package org.mailgate.mailets;

import java.util.Optional;

/**
 * The subject of a new message from James's {@code subject} and {@code prefix} parameters: the new
 * subject (or the original one) with the prefix and a space in front.
 */
final class SubjectLine {

    private SubjectLine() {
    }

    /** Empty when neither parameter asks for a change. */
    static Optional<String> of(Optional<String> prefix, Optional<String> subject, String originalSubject) {
        Optional<String> usedPrefix = prefix.filter(p -> !p.isEmpty());
        if (usedPrefix.isEmpty()) {
            return subject;
        }
        String base = subject.orElse(originalSubject);
        return Optional.of(base == null || base.isEmpty() ? usedPrefix.get() : usedPrefix.get() + " " + base);
    }
}

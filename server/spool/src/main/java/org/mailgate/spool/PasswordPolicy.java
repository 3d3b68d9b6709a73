package org.mailgate.spool;

import java.util.Locale;

/** What a new password must be: at least {@value #MIN_LENGTH} characters, not blank, not the user's name. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the password */
    static void check(String user, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("the password is only spaces");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("the password is too weak: it needs at least " + MIN_LENGTH
                    + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String name = user.toLowerCase(Locale.ROOT);
        String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        if (lower.equals(name) || lower.equals(local)) {
            throw new IllegalArgumentException("the password is too weak: it is the user's name");
        }
        if (password.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("the password contains a line break or NUL character");
        }
    }
}

package org.mailgate.api.repository;

import java.util.regex.Pattern;

/**
 * The name of a mail repository in James's URL form, e.g. {@code file://var/mail/error/}. Every
 * repository lives in the H2 store whatever the protocol says; the URL is its name. Trailing slashes
 * do not matter.
 */
public record MailRepositoryUrl(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s]+");

    public MailRepositoryUrl {
        // Checked once trailing slashes are cut: file:/// would otherwise pass as file:/, which no longer
        // reads back as a URL.
        String normalised = value.replaceAll("/+$", "") + "/";
        if (!FORM.matcher(normalised).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a repository URL like file://var/mail/error/");
        }
        value = normalised;
    }

    public static MailRepositoryUrl of(String value) {
        return new MailRepositoryUrl(value.trim());
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.mailgate.api.user;

import java.util.List;
import org.apache.james.core.Username;

/**
 * The accounts that may authenticate over SMTP (and that recipient validation knows as local users).
 * Names compare case-insensitively; passwords are only ever stored as slow salted hashes.
 */
public interface Users {

    /** Whether the account exists. */
    boolean contains(Username name);

    /** Whether {@code password} is the account's password; false for an unknown account. */
    boolean verify(Username name, String password);

    /**
     * Creates the account.
     *
     * @throws IllegalStateException    when it exists already
     * @throws IllegalArgumentException when the password is empty or too weak, saying why
     */
    void add(Username name, String password);

    /**
     * Changes the password.
     *
     * @throws java.util.NoSuchElementException when there is no such account
     * @throws IllegalArgumentException         when the password is empty or too weak, saying why
     */
    void setPassword(Username name, String password);

    /** Removes the account; false when there was none. */
    boolean remove(Username name);

    /** Every account, sorted by name. */
    List<Username> list();
}

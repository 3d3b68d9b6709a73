package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.mailgate.api.user.Users;

/** What every {@link Users} does; each implementation's test implements this. */
interface UsersContract {

    Users users();

    Username ALICE = Username.of("alice@corp.example");
    String PASSWORD = "correct horse battery";

    @Test
    default void anAddedUserVerifiesWithItsPasswordOnly() {
        users().add(ALICE, PASSWORD);

        assertThat(users().contains(ALICE)).isTrue();
        assertThat(users().verify(ALICE, PASSWORD)).isTrue();
        assertThat(users().verify(ALICE, "wrong horse battery")).isFalse();
        assertThat(users().verify(ALICE, "")).isFalse();
    }

    @Test
    default void namesCompareCaseInsensitively() {
        users().add(Username.of("Alice@Corp.Example"), PASSWORD);

        assertThat(users().contains(ALICE)).isTrue();
        assertThat(users().verify(Username.of("ALICE@corp.example"), PASSWORD)).isTrue();
        assertThatThrownBy(() -> users().add(ALICE, PASSWORD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists");
    }

    @Test
    default void anUnknownUserVerifiesNothing() {
        assertThat(users().contains(ALICE)).isFalse();
        assertThat(users().verify(ALICE, PASSWORD)).isFalse();
    }

    @Test
    default void aChangedPasswordReplacesTheOldOne() {
        users().add(ALICE, PASSWORD);

        users().setPassword(ALICE, "another long secret");

        assertThat(users().verify(ALICE, PASSWORD)).isFalse();
        assertThat(users().verify(ALICE, "another long secret")).isTrue();
    }

    @Test
    default void changingThePasswordOfAnUnknownUserFails() {
        assertThatThrownBy(() -> users().setPassword(ALICE, PASSWORD)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no such user");
    }

    @Test
    default void emptyAndWeakPasswordsAreRefused() {
        assertThatThrownBy(() -> users().add(ALICE, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> users().add(ALICE, "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too weak");
        assertThatThrownBy(() -> users().add(Username.of("longer.name@corp.example"), "Longer.Name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user's name");
        assertThat(users().list()).isEmpty();
    }

    @Test
    default void removedUsersAreGoneAndListIsSorted() {
        users().add(Username.of("zed@corp.example"), PASSWORD);
        users().add(ALICE, PASSWORD);
        users().add(Username.of("bob@corp.example"), PASSWORD);

        assertThat(users().remove(Username.of("BOB@corp.example"))).isTrue();
        assertThat(users().remove(Username.of("bob@corp.example"))).isFalse();

        assertThat(users().list()).containsExactly(ALICE, Username.of("zed@corp.example"));
        assertThat(users().verify(Username.of("bob@corp.example"), PASSWORD)).isFalse();
    }
}

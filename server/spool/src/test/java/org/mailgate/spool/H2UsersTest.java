package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.james.core.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.user.Users;

class H2UsersTest implements UsersContract {

    @TempDir
    Path dir;
    Database database;
    H2Users users;

    @BeforeEach
    void open() throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        // Few rounds keep the contract fast; PasswordHashTest checks the production count.
        users = new H2Users(database, new PasswordHash(1_000));
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Override
    public Users users() {
        return users;
    }

    @Test
    void usersSurviveARestartAndOnlyTheHashIsStored() throws Exception {
        users.add(ALICE, PASSWORD);
        database.stop();

        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        H2Users reopened = new H2Users(database, new PasswordHash(1_000));

        assertThat(reopened.verify(ALICE, PASSWORD)).isTrue();
        String stored = database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT password_hash FROM users"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain(PASSWORD);
    }

    @Test
    void theDefaultHashIsSlowAndAnUnknownUserCostsAsMuch() {
        H2Users production = new H2Users(database);
        production.add(ALICE, PASSWORD);
        production.verify(ALICE, PASSWORD); // warm up

        long known = timeOf(() -> production.verify(ALICE, "wrong password!!"));
        long unknown = timeOf(() -> production.verify(Username.of("nobody@corp.example"), "wrong password!!"));

        // Both run the full 600,000 rounds: neither is a fast path.
        assertThat(known).isGreaterThan(20_000_000L);
        assertThat(unknown).isGreaterThan(known / 3);
    }

    private static long timeOf(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}

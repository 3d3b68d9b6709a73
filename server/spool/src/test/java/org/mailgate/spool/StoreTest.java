package org.mailgate.spool;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.testkit.ManualClock;

/**
 * A test on a real store ({@link StoreFixture}) in a temporary directory, opened before each test and
 * closed after it; a subclass's own {@code @BeforeEach} runs after the store is open.
 */
abstract class StoreTest {

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    StoreFixture store;

    @BeforeEach
    final void openStore() throws Exception {
        store = new StoreFixture(dir, clock);
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same files, as a restart does. */
    final void reopenStore() throws Exception {
        store.close();
        store = new StoreFixture(dir, clock);
    }
}

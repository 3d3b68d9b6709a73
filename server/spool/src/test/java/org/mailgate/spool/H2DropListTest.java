package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropList.Status;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;

class H2DropListTest implements DropListContract {

    @TempDir
    Path dir;
    Database database;
    H2DropList dropList;

    @BeforeEach
    void open() throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        dropList = new H2DropList(database);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Override
    public DropList dropList() {
        return dropList;
    }

    @Test
    void entriesSurviveARestart() throws Exception {
        dropList.add(DropListEntry.deny(DropListOwner.global(), "bad.example"));
        dropList.add(DropListEntry.deny(BOB, "spam@worse.example"));
        dropList.add(DropListEntry.deny(CORP, "gone.example"));
        dropList.remove(DropListEntry.deny(CORP, "gone.example"));
        database.stop();

        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        H2DropList reopened = new H2DropList(database);

        assertThat(reopened.query(DropListOwner.global(), DropListContract.address("x@bad.example"))).isEqualTo(Status.BLOCKED);
        assertThat(reopened.query(BOB, DropListContract.address("spam@worse.example"))).isEqualTo(Status.BLOCKED);
        assertThat(reopened.list(CORP)).isEmpty();
        long rows = database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM drop_list"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isEqualTo(2);
    }
}

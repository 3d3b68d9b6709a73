package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingEntry;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;

class H2MappingStoreTest implements MappingStoreContract {

    @TempDir
    Path dir;
    Database database;
    H2MappingStore store;

    @BeforeEach
    void open() throws Exception {
        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        store = new H2MappingStore(database);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Override
    public MappingStore store() {
        return store;
    }

    @Test
    void mappingsSurviveARestartAndARemovalToo() throws Exception {
        store.add(INFO, Mapping.parse("alice@example.com"));
        store.add(INFO, Mapping.parse("error:550 Gone"));
        store.add(MappingSource.parse("*@old.example"), Mapping.parse("domain:example.com"));
        store.remove(INFO, Mapping.parse("alice@example.com"));
        database.stop();

        database = new Database(SpoolSettings.defaults(dir));
        database.start();
        H2MappingStore reopened = new H2MappingStore(database);

        assertThat(reopened.list()).extracting(MappingEntry::toString)
                .containsExactly("info@example.com=error:550 Gone", "*@old.example=domain:example.com");
    }

    @Test
    void theTableHoldsSourceAndMappingInJamesNotation() {
        store.add(MappingSource.parse("Info@Example.com"), Mapping.parse("regex:(.*)@a\\.example:${1}@b.example"));

        String row = database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT source || '=' || mapping FROM rrt_mapping"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(row).isEqualTo("info@example.com=regex:(.*)@a\\.example:${1}@b.example");
    }
}

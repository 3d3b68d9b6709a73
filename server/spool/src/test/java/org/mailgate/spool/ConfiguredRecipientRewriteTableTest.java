package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.rrt.ListedMapping;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingResolver;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.Resolution;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;
import org.mailgate.spool.rrt.RecipientRewriteTableConfig;

/** The table mail sees: the file's mappings, then the stored ones, on a real H2 store. */
class ConfiguredRecipientRewriteTableTest {

    @TempDir
    Path dir;
    Database database;
    H2MappingStore store;
    ConfiguredRecipientRewriteTable table;

    @BeforeEach
    void open() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve(RecipientRewriteTableConfig.FILE), """
                <recipientrewritetable>
                  <mappingLimit>4</mappingLimit>
                  <mapping>info@example.com=alice@example.com</mapping>
                </recipientrewritetable>
                """);
        ConfigReport report = new ConfigReport();
        RecipientRewriteTableConfig config = RecipientRewriteTableConfig.read(conf, report);
        report.throwIfErrors();
        database = new Database(SpoolSettings.defaults(dir.resolve("var")));
        database.start();
        store = new H2MappingStore(database);
        table = new ConfiguredRecipientRewriteTable(config, store);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void theFilesMappingsComeFirstThenTheStoredOnesWithoutRepeats() {
        MappingSource info = MappingSource.parse("info@example.com");
        store.add(info, Mapping.parse("bob@example.com"));
        store.add(info, Mapping.parse("alice@example.com"));

        assertThat(table.mappingsFor(info)).containsExactly(Mapping.parse("alice@example.com"), Mapping.parse("bob@example.com"));
        assertThat(table.settings()).isEqualTo(new RewriteSettings(true, 4));
    }

    @Test
    void aStoredMappingAppliesToTheNextResolutionAndItsRemovalToo() throws Exception {
        MappingResolver resolver = new MappingResolver(table);
        MailAddress sales = new MailAddress("sales@example.com");
        assertThat(resolver.resolve(sales)).isEqualTo(new Resolution.Unchanged());

        store.add(MappingSource.parse("sales@example.com"), Mapping.parse("info@example.com"));
        assertThat(resolver.resolve(sales)).isEqualTo(new Resolution.Rewritten(
                java.util.List.of(new MailAddress("alice@example.com"))));

        store.remove(MappingSource.parse("sales@example.com"), Mapping.parse("info@example.com"));
        assertThat(resolver.resolve(sales)).isEqualTo(new Resolution.Unchanged());
    }

    @Test
    void aStoredMappingClosingALoopWithTheFileFailsTheRecipient() throws Exception {
        store.add(MappingSource.parse("alice@example.com"), Mapping.parse("info@example.com"));

        Resolution resolution = new MappingResolver(table).resolve(new MailAddress("info@example.com"));

        assertThat(resolution).isEqualTo(new Resolution.Failed("554 5.4.6 Mapping loop for info@example.com: "
                + "info@example.com -> alice@example.com -> info@example.com"));
    }

    @Test
    void theListingGivesTheFilesMappingsWithTheirLineAndTheStoredOnesWithout() {
        MappingSource info = MappingSource.parse("info@example.com");
        MappingSource sales = MappingSource.parse("sales@example.com");
        store.add(sales, Mapping.parse("bob@example.com"));
        store.add(info, Mapping.parse("alice@example.com"));
        store.add(info, Mapping.parse("carol@example.com"));

        assertThat(table.listing()).containsExactly(
                new ListedMapping(info, Mapping.parse("alice@example.com"), Optional.of("conf/recipientrewritetable.xml:3")),
                new ListedMapping(info, Mapping.parse("carol@example.com"), Optional.empty()),
                new ListedMapping(sales, Mapping.parse("bob@example.com"), Optional.empty()));
        assertThat(table.configuredAt(info, Mapping.parse("alice@example.com")))
                .contains("conf/recipientrewritetable.xml:3");
        assertThat(table.configuredAt(info, Mapping.parse("carol@example.com"))).isEmpty();
        assertThat(table.configuredAt(sales, Mapping.parse("bob@example.com"))).isEmpty();
    }
}

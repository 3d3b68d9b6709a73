package org.mailgate.spool.rrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.XmlConfigFile;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RewriteSettings;

class RecipientRewriteTableConfigTest {

    private static final String FILE = "conf/recipientrewritetable.xml";

    private final ConfigReport report = new ConfigReport();

    private RecipientRewriteTableConfig parse(String xml) throws Exception {
        return RecipientRewriteTableConfig.parse(XmlConfigFile.parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE), report);
    }

    private static List<Mapping> mappings(String... texts) {
        return java.util.Arrays.stream(texts).map(Mapping::parse).toList();
    }

    @Test
    void aGoodFileGivesItsSettingsAndEveryMapping() throws Exception {
        RecipientRewriteTableConfig config = parse("""
                <recipientrewritetable>
                  <recursiveMapping>false</recursiveMapping>
                  <mappingLimit>5</mappingLimit>
                  <mapping>info@example.com=alice@example.com;Bob@Example.net</mapping>
                  <mapping>*@old.example=domain:example.com, gone@example.com=error:550 5.1.1 Gone</mapping>
                  <mapping>postmaster@*=admin</mapping>
                  <mapping>team@example.com=a@example.com:b@example.com</mapping>
                  <mapping>*@people.example=regex:(.*)\\.(.*)@people\\.example:${1}@example.com</mapping>
                </recipientrewritetable>
                """);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(config.settings()).isEqualTo(new RewriteSettings(false, 5));
        assertThat(config.mappings()).containsExactly(
                java.util.Map.entry(MappingSource.parse("info@example.com"), mappings("alice@example.com", "bob@example.net")),
                java.util.Map.entry(MappingSource.parse("*@old.example"), mappings("domain:example.com")),
                java.util.Map.entry(MappingSource.parse("gone@example.com"), mappings("error:550 5.1.1 Gone")),
                java.util.Map.entry(MappingSource.parse("postmaster@*"), mappings("admin")),
                java.util.Map.entry(MappingSource.parse("team@example.com"), mappings("a@example.com", "b@example.com")),
                java.util.Map.entry(MappingSource.parse("*@people.example"),
                        mappings("regex:(.*)\\.(.*)@people\\.example:${1}@example.com")));
    }

    @Test
    void withoutSettingsJamesDefaultsApply() throws Exception {
        RecipientRewriteTableConfig config = parse("<recipientrewritetable/>");
        assertThat(config.settings()).isEqualTo(RewriteSettings.DEFAULT);
        assertThat(config.mappings()).isEmpty();
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void jamesClassAttributeIsAcceptedWithAWarning() throws Exception {
        parse("<recipientrewritetable class=\"org.apache.james.rrt.file.XMLRecipientRewriteTable\"/>");
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(ConfigError::toString)
                .containsExactly(FILE + ":1: attribute class of <recipientrewritetable> is ignored: Mailgate uses the "
                        + "mappings of this file together with those stored in its database");
    }

    @Test
    void aMappingWithoutEqualsIsAnErrorOnItsLine() throws Exception {
        parse("""
                <recipientrewritetable>
                  <mapping>info@example.com alice@example.com</mapping>
                </recipientrewritetable>
                """);
        assertThat(report.errors()).extracting(ConfigError::toString).containsExactly(FILE + ":2: mapping "
                + "'info@example.com alice@example.com' has no '=': write source=target, e.g. "
                + "info@example.com=alice@example.com");
    }

    @Test
    void aBadSourceIsAnErrorNamingTheMapping() throws Exception {
        parse("""
                <recipientrewritetable>

                  <mapping>example.com=alice@example.com</mapping>
                </recipientrewritetable>
                """);
        assertThat(report.errors()).extracting(ConfigError::toString).containsExactly(FILE + ":3: mapping "
                + "'example.com=alice@example.com': 'example.com' is not a source: use user@domain, *@domain or user@*");
    }

    @Test
    void eachBadTargetIsAnErrorNamingTheMapping() throws Exception {
        parse("""
                <recipientrewritetable>
                  <mapping>a@example.com=alice@</mapping>
                  <mapping>b@example.com=regex:(.*@example.com</mapping>
                  <mapping>c@example.com=domain:not a domain</mapping>
                  <mapping>d@example.com=</mapping>
                  <mapping>e@example.com=error:</mapping>
                </recipientrewritetable>
                """);
        List<ConfigError> errors = report.errors();
        assertThat(errors).extracting(ConfigError::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(errors.get(0).message()).startsWith("mapping 'a@example.com=alice@': 'alice@' is not an address "
                + "or user name: ");
        assertThat(errors.get(1).message()).isEqualTo("mapping 'b@example.com=regex:(.*@example.com': "
                + "'regex:(.*@example.com' must be regex:<pattern>:<replacement>, with exactly one ':' after the "
                + "pattern, e.g. regex:(.*)@old\\.example:${1}@new.example");
        assertThat(errors.get(2).message()).startsWith("mapping 'c@example.com=domain:not a domain': "
                + "'domain:not a domain' does not name a domain: ");
        assertThat(errors.get(3).message()).isEqualTo("mapping 'd@example.com=' has no target after '='");
        assertThat(errors.get(4).message()).isEqualTo("mapping 'e@example.com=error:': 'error:' needs a value after "
                + "the prefix");
        assertThat(errors).allSatisfy(e -> assertThat(e.file()).isEqualTo(FILE));
    }

    @Test
    void anInvalidRegexPatternIsAnError() throws Exception {
        parse("""
                <recipientrewritetable>
                  <mapping>*@example.com=regex:(.*@example\\.com:${1}@example.org</mapping>
                </recipientrewritetable>
                """);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).startsWith("mapping '*@example.com=regex:(.*@example\\.com:${1}@example.org': ")
                    .contains("has an invalid pattern: Unclosed group");
        });
    }

    @Test
    void aSourceGivenTwiceIsAnErrorPointingAtTheFirst() throws Exception {
        parse("""
                <recipientrewritetable>
                  <mapping>info@example.com=alice@example.com</mapping>
                  <mapping>Info@Example.com=bob@example.com</mapping>
                </recipientrewritetable>
                """);
        assertThat(report.errors()).extracting(ConfigError::toString).containsExactly(FILE + ":3: mapping "
                + "'Info@Example.com=bob@example.com': info@example.com is already mapped at line 2; give all its "
                + "targets in one mapping, separated by ';'");
    }

    @Test
    void badSettingsAndUnknownElementsAreErrorsOnTheirLines() throws Exception {
        parse("""
                <recipientrewritetable>
                  <recursiveMapping>maybe</recursiveMapping>
                  <mappingLimit>0</mappingLimit>
                  <mappings>a@example.com=b@example.com</mappings>
                  <mapping>  </mapping>
                </recipientrewritetable>
                """);
        assertThat(report.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                FILE + ":2: <recursiveMapping> must be true or false, not 'maybe'",
                FILE + ":3: <mappingLimit> must be between 1 and 1000, not 0",
                FILE + ":4: unknown element <mappings> in <recipientrewritetable>; allowed: mapping, mappingLimit, "
                        + "recursiveMapping",
                FILE + ":5: <mapping> must not be empty: write source=target, e.g. info@example.com=alice@example.com");
    }

    @Test
    void withoutTheFileThereAreNoMappings(@TempDir Path conf) {
        assertThat(RecipientRewriteTableConfig.read(conf, report)).isEqualTo(RecipientRewriteTableConfig.none());
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void aFileWithTheWrongRootIsAnError(@TempDir Path conf) throws Exception {
        Files.writeString(conf.resolve("recipientrewritetable.xml"), "<virtualusertable/>");
        RecipientRewriteTableConfig.read(conf, report);
        assertThat(report.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).isEqualTo("the root element must be <recipientrewritetable>, not <virtualusertable>"));
    }

    @Test
    void theShippedFileHasNoActiveMappingAndNoError() {
        Path shipped = Path.of("../../conf").toAbsolutePath().normalize();
        assertThat(shipped.resolve(RecipientRewriteTableConfig.FILE)).exists();

        RecipientRewriteTableConfig config = RecipientRewriteTableConfig.read(shipped, report);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(config).isEqualTo(RecipientRewriteTableConfig.none());
    }
}

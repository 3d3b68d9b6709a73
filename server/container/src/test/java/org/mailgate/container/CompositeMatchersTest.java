package org.mailgate.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.mailet.MailetContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineFactory;
import org.mailgate.container.load.ClassResolver;
import org.mailgate.container.load.MailetLoader;
import org.mailgate.container.testmailets.Collected;
import org.mailgate.testkit.mailet.RecordingMailetContext;

/**
 * Composite matchers ({@code <matcher name="..." match="Or">} with nested matchers), with James's
 * results and Mailgate's stricter checks.
 */
class CompositeMatchersTest {

    static final String T = "org.mailgate.container.testmailets.";

    @TempDir
    Path tmp;
    Path conf;
    final Collected collected = new Collected();

    @BeforeEach
    void createConf() throws Exception {
        conf = Files.createDirectories(tmp.resolve("conf"));
    }

    /** Builds a root processor of {@code matchers}, then a Collect mailet matching {@code use}. */
    ConfigReport build(String matchers, String use) throws Exception {
        Files.writeString(conf.resolve("mailetcontainer.xml"), """
                <mailetcontainer><processors>
                <processor state="root">
                %s
                <mailet %s class="%sCollect"/>
                <mailet class="Null"/>
                </processor>
                <processor state="error"/>
                </processors></mailetcontainer>
                """.formatted(matchers, use, T), StandardCharsets.UTF_8);
        ConfigReport report = new ConfigReport();
        ContainerConfig config = ContainerConfig.read(conf, report);
        if (report.hasErrors()) {
            return report;
        }
        MailetContext context = new RecordingMailetContext("x.example");
        var injector = Guice.createInjector(binder -> {
            binder.bind(MailetContext.class).toInstance(context);
            binder.bind(Collected.class).toInstance(collected);
        });
        Pipeline pipeline = new PipelineFactory(new MailetLoader(injector,
                new ClassResolver(getClass().getClassLoader())), context).build(config, report);
        if (!report.hasErrors()) {
            pipeline.service(TestMails.mail("a@x.example", "b@x.example", "c@x.example", "d@x.example"));
        }
        return report;
    }

    /** The recipients the Collect mailet saw, when {@code use} selects with {@code matchers} defined. */
    List<String> selected(String matchers, String use) throws Exception {
        ConfigReport report = build(matchers, use);
        assertThat(report.errors()).isEmpty();
        return collected.recipients();
    }

    static String leaf(String localParts) {
        return "<matcher match=\"" + T + "LocalPartIn=" + localParts + "\"/>";
    }

    static List<String> errors(ConfigReport report) {
        return report.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void orIsTheUnionOfTheNestedMatchers() throws Exception {
        assertThat(selected("<matcher name=\"m\" match=\"Or\">" + leaf("a") + leaf("c") + "</matcher>",
                "match=\"m\"")).containsExactly("[a, c]");
    }

    @Test
    void andIsTheIntersectionAndJamesClassNamesAreAliases() throws Exception {
        assertThat(selected("<matcher name=\"m\" match=\"org.apache.james.mailetcontainer.impl.matchers.And\">"
                + leaf("a,b") + leaf("b,c") + "</matcher>", "match=\"m\"")).containsExactly("[b]");
    }

    @Test
    void notIsWhatNoNestedMatcherMatched() throws Exception {
        assertThat(selected("<matcher name=\"m\" match=\"Not\">" + leaf("a") + leaf("b") + "</matcher>",
                "match=\"m\"")).containsExactly("[c, d]");
    }

    @Test
    void xorIsWhatAnOddNumberOfNestedMatchersMatched() throws Exception {
        assertThat(selected("<matcher name=\"m\" match=\"Xor\">" + leaf("a,b") + leaf("b,c") + leaf("c,d")
                + "</matcher>", "match=\"m\"")).containsExactly("[a, d]");
    }

    @Test
    void compositesNestAndMayUseEarlierNamedMatchers() throws Exception {
        String matchers = "<matcher name=\"ab\" match=\"Or\">" + leaf("a") + leaf("b") + "</matcher>"
                + "<matcher name=\"m\" match=\"And\"><matcher match=\"ab\"/>"
                + "<matcher match=\"Not\">" + leaf("a") + "</matcher></matcher>";
        assertThat(selected(matchers, "match=\"m\"")).containsExactly("[b]");
    }

    @Test
    void notmatchInvertsANamedMatcher() throws Exception {
        assertThat(selected("<matcher name=\"m\" match=\"Or\">" + leaf("a") + leaf("b") + "</matcher>",
                "notmatch=\"m\"")).containsExactly("[c, d]");
    }

    @Test
    void aNameMustBeDefinedBeforeItIsUsed() throws Exception {
        Files.writeString(conf.resolve("mailetcontainer.xml"), """
                <mailetcontainer><processors>
                <processor state="root">
                <mailet match="later" class="Null"/>
                <matcher name="later" match="Or"><matcher match="All"/></matcher>
                </processor>
                <processor state="error"/>
                </processors></mailetcontainer>
                """);
        ConfigReport report = new ConfigReport();
        ContainerConfig.read(conf, report);
        assertThat(errors(report)).containsExactly("conf/mailetcontainer.xml:3: matcher 'later' is used before it "
                + "is defined (at conf/mailetcontainer.xml:4); move the <matcher> up");
    }

    @Test
    void mistakesInCompositesAreReportedWithTheirLines() throws Exception {
        ConfigReport report = build("""
                <matcher name="dup" match="Or"><matcher match="All"/></matcher>
                <matcher name="dup" match="Or"><matcher match="All"/></matcher>
                <matcher name="empty" match="And"/>
                <matcher name="leafy" match="All"><matcher match="All"/></matcher>
                <matcher match="Or"><matcher match="All"/></matcher>
                <matcher name="both" match="All" notmatch="All"/>
                <matcher name="cond" match="Xor=3"><matcher match="All"/></matcher>
                """, "match=\"Or\"");
        assertThat(errors(report)).containsExactly(
                "conf/mailetcontainer.xml:4: matcher 'dup' is already defined in this processor "
                        + "(at conf/mailetcontainer.xml:3)",
                "conf/mailetcontainer.xml:5: composite matcher And needs at least one nested <matcher>",
                "conf/mailetcontainer.xml:6: All is not a composite matcher, so it cannot have nested matchers; "
                        + "composites are And, Or, Not, Xor",
                "conf/mailetcontainer.xml:7: a <matcher> directly in a processor needs a name attribute, by which a "
                        + "<mailet match=\"...\"> uses it",
                "conf/mailetcontainer.xml:8: <matcher> has both match and notmatch; use one",
                "conf/mailetcontainer.xml:9: composite matcher Xor takes no condition; nest matchers instead",
                "conf/mailetcontainer.xml:11: Or is a composite matcher: define it with nested matchers, e.g. "
                        + "<matcher name=\"x\" match=\"Or\"><matcher match=\"...\"/></matcher>, then use match=\"x\"");
    }
}

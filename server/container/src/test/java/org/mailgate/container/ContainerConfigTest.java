package org.mailgate.container;

import org.mailgate.testkit.mailet.RecordingMailetContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineFactory;
import org.mailgate.container.load.ClassResolver;
import org.mailgate.container.load.MailetLoader;

class ContainerConfigTest {

    @TempDir
    Path tmp;
    Path conf;

    @org.junit.jupiter.api.BeforeEach
    void createConf() throws Exception {
        conf = Files.createDirectories(tmp.resolve("conf"));
    }

    static final String PREFIX = "org.mailgate.container.testmailets.";

    ConfigReport read(String xml) throws Exception {
        Files.writeString(conf.resolve("mailetcontainer.xml"), xml, StandardCharsets.UTF_8);
        ConfigReport report = new ConfigReport();
        ContainerConfig config = ContainerConfig.read(conf, report);
        if (!report.hasErrors()) {
            build(config, report);
        }
        return report;
    }

    static Pipeline build(ContainerConfig config, ConfigReport report) {
        return build(config, report, MailMetrics.NONE);
    }

    /** The pipeline, its steps timed through {@code metrics}. */
    static Pipeline build(ContainerConfig config, ConfigReport report, MailMetrics metrics) {
        MailetContext context = new RecordingMailetContext("example.com");
        var injector = Guice.createInjector(binder -> binder.bind(MailetContext.class).toInstance(context));
        return new PipelineFactory(new MailetLoader(injector,
                new ClassResolver(ContainerConfigTest.class.getClassLoader())), context, metrics).build(config, report);
    }

    static String processors(String body) {
        return "<mailetcontainer>\n<processors>\n" + body + "\n</processors>\n</mailetcontainer>\n";
    }

    static List<String> messages(ConfigReport report) {
        return report.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void rootAndErrorProcessorsAreRequired() throws Exception {
        ConfigReport report = read(processors("<processor state=\"transport\"/>"));
        assertThat(messages(report)).containsExactly(
                "conf/mailetcontainer.xml:2: processor 'root' is missing; it is required",
                "conf/mailetcontainer.xml:2: processor 'error' is missing; it is required");
    }

    @Test
    void aProcessorCannotBeCalledGhost() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root"/>
                <processor state="error"/>
                <processor state="ghost"/>"""));
        assertThat(messages(report)).singleElement().asString()
                .startsWith("conf/mailetcontainer.xml:5: a processor cannot be named 'ghost'");
    }

    @Test
    void matchAndNotmatchOnOneMailetIsAnError() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet match="All" notmatch="All" class="%sInjectedMailet"><name>x</name></mailet>
                </processor>
                <processor state="error"/>""".formatted(PREFIX)));
        assertThat(messages(report)).containsExactly(
                "conf/mailetcontainer.xml:4: <mailet> has both match and notmatch; use one");
    }

    @Test
    void unknownClassesAreReportedWithWhereTheyWereLookedFor() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet match="NoSuchMatcher" class="NoSuchMailet"/>
                </processor>
                <processor state="error"/>"""));
        assertThat(messages(report)).containsExactly(
                "conf/mailetcontainer.xml:4: unknown matcher 'NoSuchMatcher'; looked for "
                        + "org.mailgate.matchers.NoSuchMatcher, org.apache.james.transport.matchers.NoSuchMatcher",
                "conf/mailetcontainer.xml:4: unknown mailet 'NoSuchMailet'; looked for "
                        + "org.mailgate.mailets.NoSuchMailet, org.apache.james.transport.mailets.NoSuchMailet");
    }

    @Test
    void aClassOfTheWrongKindIsNamed() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet match="%1$sInjectedMailet" class="%1$sFirstRecipient"/>
                </processor>
                <processor state="error"/>""".formatted(PREFIX)));
        assertThat(messages(report)).hasSize(2).allSatisfy(m -> assertThat(m).contains("is not a"));
    }

    @Test
    void mailetParametersAreCheckedAtStart() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet class="%sInjectedMailet"><nmae>typo</nmae></mailet>
                </processor>
                <processor state="error"/>""".formatted(PREFIX)));
        assertThat(messages(report)).containsExactly("conf/mailetcontainer.xml:4: mailet " + PREFIX
                + "InjectedMailet: unknown parameter nmae; allowed: name");
    }

    @Test
    void failurePoliciesMustNameExistingProcessors() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet match="%1$sFirstRecipient" class="%1$sInjectedMailet">
                    <name>x</name>
                    <onMailetException>missing</onMailetException>
                  </mailet>
                </processor>
                <processor state="error"/>""".formatted(PREFIX)));
        assertThat(messages(report)).singleElement().asString()
                .startsWith("conf/mailetcontainer.xml:4: <onMailetException> names processor 'missing'");
    }

    @Test
    void processorsNamedByMailetParametersMustExist() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet match="%sFirstRecipient" class="ToProcessor"><processor>tranport</processor></mailet>
                  <mailet class="ToProcessor"><processor>ghost</processor></mailet>
                </processor>
                <processor state="transport"><mailet class="Null"/></processor>
                <processor state="error"/>""".formatted(PREFIX)));
        assertThat(messages(report)).containsExactly(
                "conf/mailetcontainer.xml:4: parameter processor names processor 'tranport', which does not exist; "
                        + "use one of: root, transport, error",
                "conf/mailetcontainer.xml:5: parameter processor cannot send mail to 'ghost'; use the Null mailet "
                        + "to drop mail");
    }

    @Test
    void aProcessorWhoseMailCanFallOffItsEndIsWarnedAbout() throws Exception {
        ConfigReport report = read(processors("""
                <processor state="root">
                  <mailet class="ToProcessor"><processor>transport</processor></mailet>
                </processor>
                <processor state="transport">
                  <mailet match="%sFirstRecipient" class="Null"/>
                </processor>
                <processor state="quarantine">
                  <mailet class="ToRepository"><repositoryPath>file://q/</repositoryPath><passThrough>true</passThrough></mailet>
                </processor>
                <processor state="empty"/>
                <processor state="error">
                  <mailet match="%sFirstRecipient" class="Null"/>
                </processor>""".formatted(PREFIX, PREFIX)));
        assertThat(report.warnings().stream().map(ConfigError::toString).toList()).containsExactly(
                "conf/mailetcontainer.xml:7: mail can fall off the end of processor 'transport' after this mailet and "
                        + "would be dropped; end the processor with a mailet that runs on all mail and ends it "
                        + "(ToProcessor, ToRepository, RemoteDelivery, Null)",
                "conf/mailetcontainer.xml:10: mail can fall off the end of processor 'quarantine' after this mailet "
                        + "and would be dropped; end the processor with a mailet that runs on all mail and ends it "
                        + "(ToProcessor, ToRepository, RemoteDelivery, Null)",
                "conf/mailetcontainer.xml:12: processor 'empty' has no mailets: mail sent to it is dropped");
    }

    @Test
    void unknownElementsAreErrorsListingTheAllowedNames() throws Exception {
        ConfigReport report = read("<mailetcontainer><spooler><thread>3</thread></spooler>"
                + "<processors><processor state=\"root\"/><processor state=\"error\"/></processors></mailetcontainer>");
        assertThat(messages(report)).containsExactly("conf/mailetcontainer.xml:1: unknown element <thread> in "
                + "<spooler>; allowed: errorRepository, threads");
    }

    @Test
    void malformedXmlNamesTheLine() throws Exception {
        ConfigReport report = read("<mailetcontainer>\n<processors>\n<processor state=\"root\">\n</mailetcontainer>");
        assertThat(messages(report)).singleElement().asString().startsWith("conf/mailetcontainer.xml:4: not well-formed XML");
    }

    @Test
    void mailetsAreCreatedThroughGuiceWithTheirParametersAndRunInThePipeline() throws Exception {
        Files.writeString(conf.resolve("mailetcontainer.xml"), processors("""
                <processor state="root">
                  <mailet notmatch="%1$sFirstRecipient" class="%1$sInjectedMailet"><name>others</name></mailet>
                  <mailet match="%1$sFirstRecipient" class="%1$sInjectedMailet"><name>first</name></mailet>
                </processor>
                <processor state="error"/>""".formatted(PREFIX)));
        ConfigReport report = new ConfigReport();
        Pipeline pipeline = build(ContainerConfig.read(conf, report), report);
        assertThat(report.errors()).isEmpty();

        var mail = TestMails.mail("a@x.example", "b@x.example");
        pipeline.service(mail);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("a@x.example");
        assertThat(mail.getMessage().getHeader("X-Greeting", null)).isEqualTo("hello first");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }
}

package org.mailgate.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.StepName;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.testkit.metrics.RecordingMailMetrics;

/**
 * The timers of a pipeline's steps: made when it is built, named after processor, position, mailet and
 * matcher; each matcher timed once per mail that reaches it, each mailet once per mail it runs on; all
 * released when the pipeline is destroyed.
 */
class PipelineTimingTest {

    static final String LOCAL_PART_IN = "org.mailgate.container.testmailets.LocalPartIn";

    @TempDir
    Path conf;
    final RecordingMailMetrics metrics = new RecordingMailMetrics();

    Pipeline build() throws Exception {
        return build(metrics);
    }

    Pipeline build(MailMetrics timedBy) throws Exception {
        Files.writeString(conf.resolve("mailetcontainer.xml"), """
                <mailetcontainer><processors>
                  <processor state="root">
                    <mailet class="ToProcessor"><processor>transport</processor></mailet>
                  </processor>
                  <processor state="transport">
                    <mailet match="%s=a" class="Null"/>
                    <mailet class="Null"/>
                  </processor>
                  <processor state="error"/>
                </processors></mailetcontainer>
                """.formatted(LOCAL_PART_IN), StandardCharsets.UTF_8);
        ConfigReport report = new ConfigReport();
        Pipeline pipeline = ContainerConfigTest.build(ContainerConfig.read(conf, report), report, timedBy);
        assertThat(report.errors()).isEmpty();
        return pipeline;
    }

    @Test
    void eachStepHasATimerNamedAfterItsProcessorPositionMailetAndMatcher() throws Exception {
        build();

        assertThat(metrics.timersMade()).containsExactly(
                new StepName("root", 1, "ToProcessor", "All"), new StepName("root", 1, "ToProcessor", "All"),
                new StepName("transport", 1, "Null", LOCAL_PART_IN),
                new StepName("transport", 1, "Null", LOCAL_PART_IN),
                new StepName("transport", 2, "Null", "All"), new StepName("transport", 2, "Null", "All"));
    }

    @Test
    void matchersAreTimedPerMailThatReachesThemAndMailetsPerMailTheyRunOn() throws Exception {
        Pipeline pipeline = build();

        pipeline.service(TestMails.mail("a@x.example", "b@x.example"));
        pipeline.service(TestMails.mail("c@x.example"));

        assertThat(metrics.count("matcher root 1")).isEqualTo(2);
        assertThat(metrics.count("mailet root 1")).isEqualTo(2);
        assertThat(metrics.count("matcher transport 1")).isEqualTo(2);
        assertThat(metrics.count("mailet transport 1")).as("the copy split off for a@").isEqualTo(1);
        assertThat(metrics.count("matcher transport 2")).as("b@ going on, and c@").isEqualTo(2);
        assertThat(metrics.count("mailet transport 2")).isEqualTo(2);
    }

    @Test
    void aBuildThatFailsPartwayReleasesTheTimersOfTheStepsItHadBuilt() {
        MailMetrics refusingTransport = (MailMetrics) Proxy.newProxyInstance(MailMetrics.class.getClassLoader(),
                new Class<?>[] {MailMetrics.class}, (proxy, method, args) -> {
                    if (method.getName().equals("matcherTimer") && ((StepName) args[0]).processor().equals("transport")) {
                        throw new IllegalArgumentException("the registry refuses this meter");
                    }
                    try {
                        return method.invoke(metrics, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThatThrownBy(() -> build(refusingTransport)).hasMessageContaining("refuses");

        assertThat(metrics.timersMade()).hasSize(2);
        assertThat(metrics.timersReleased()).containsExactlyInAnyOrderElementsOf(metrics.timersMade());
    }

    @Test
    void destroyingThePipelineReleasesEveryTimer() throws Exception {
        Pipeline pipeline = build();

        pipeline.destroy();

        assertThat(metrics.timersReleased()).containsExactlyInAnyOrderElementsOf(metrics.timersMade());
    }
}

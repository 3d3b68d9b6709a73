package org.mailgate.container.engine;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.metrics.StepName;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.MatcherSpec;
import org.mailgate.container.config.ProcessorConfig;
import org.mailgate.container.load.MailetLoader;

/**
 * Builds a {@link Pipeline} from {@code mailetcontainer.xml}: creates and initialises every matcher
 * (named composites first) and mailet, and the timers of each step. All problems are reported, with their
 * line, in one go.
 */
public final class PipelineFactory {

    private final MailetLoader loader;
    private final MailetContext context;
    private final MailMetrics metrics;

    /** Without timing the steps. */
    public PipelineFactory(MailetLoader loader, MailetContext context) {
        this(loader, context, MailMetrics.NONE);
    }

    @Inject
    public PipelineFactory(MailetLoader loader, MailetContext context, MailMetrics metrics) {
        this.loader = loader;
        this.context = context;
        this.metrics = metrics;
    }

    public Pipeline build(ContainerConfig config, ConfigReport report) {
        List<Step> built = new ArrayList<>();
        try {
            return build(config, report, built);
        } catch (RuntimeException | LinkageError e) {
            // what was built so far is let go: mailets destroyed, their step timers released
            new Pipeline(Map.of("partly built", new Processor("partly built", built))).destroy();
            throw e;
        }
    }

    private Pipeline build(ContainerConfig config, ConfigReport report, List<Step> built) {
        Map<String, Processor> processors = new LinkedHashMap<>();
        for (ProcessorConfig processor : config.processors().values()) {
            ProcessorMatchers matchers = new ProcessorMatchers(loader, context, report);
            processor.matchers().forEach(matchers::define);
            List<Step> steps = new ArrayList<>();
            for (MailetEntry entry : processor.mailets()) {
                Optional<Matcher> matcher = matchers.forMailet(entry);
                Optional<Mailet> mailet = loader.mailet(entry, context, report);
                if (matcher.isPresent() && mailet.isPresent()) {
                    StepName name = new StepName(processor.name(), steps.size() + 1, entry.className(),
                            entry.matcher().map(MatcherSpec::name).orElse("All"));
                    steps.add(new Step(matcher.get(), mailet.get(), entry.onMatchException(), entry.onMailetException(),
                            entry.className() + " (" + entry.location() + ")", new Step.Origin(
                            entry.matcher().map(MatcherSpec::toString).orElse("All"), entry.className(),
                            entry.parameters(), entry.location()), metrics.matcherTimer(name),
                            metrics.mailetTimer(name)));
                    built.add(steps.getLast());
                }
            }
            processors.put(processor.name(), new Processor(processor.name(), steps));
        }
        return new Pipeline(processors);
    }
}

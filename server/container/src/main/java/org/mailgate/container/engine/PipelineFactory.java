package org.mailgate.container.engine;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.MatcherInverter;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.config.FailurePolicy;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.MatcherSpec;
import org.mailgate.container.config.ProcessorConfig;
import org.mailgate.container.load.MailetLoader;

/**
 * Builds a {@link Pipeline} from {@code mailetcontainer.xml}: creates and initialises every matcher and
 * mailet, and checks that every processor named anywhere exists. All problems are reported, with their
 * line, in one go.
 */
public final class PipelineFactory {

    private final MailetLoader loader;
    private final MailetContext context;

    @Inject
    public PipelineFactory(MailetLoader loader, MailetContext context) {
        this.loader = loader;
        this.context = context;
    }

    public Pipeline build(ContainerConfig config, ConfigReport report) {
        Map<String, Processor> processors = new LinkedHashMap<>();
        for (ProcessorConfig processor : config.processors().values()) {
            List<Step> steps = new ArrayList<>();
            for (MailetEntry entry : processor.mailets()) {
                checkTarget(entry.onMatchException(), "onMatchException", entry, config, report);
                checkTarget(entry.onMailetException(), "onMailetException", entry, config, report);
                Optional<Matcher> matcher = entry.matcher().isEmpty() ? Optional.of(new AllRecipients())
                        : loader.matcher(entry.matcher().get(), entry, context, report);
                Optional<Mailet> mailet = loader.mailet(entry, context, report);
                if (matcher.isPresent() && mailet.isPresent()) {
                    boolean inverted = entry.matcher().map(MatcherSpec::inverted).orElse(false);
                    Matcher effective = inverted ? new MatcherInverter(matcher.get()) : matcher.get();
                    steps.add(new Step(effective, mailet.get(), entry.onMatchException(), entry.onMailetException(),
                            entry.className() + " (" + entry.location() + ")"));
                }
            }
            processors.put(processor.name(), new Processor(processor.name(), steps));
        }
        return new Pipeline(processors);
    }

    private static void checkTarget(FailurePolicy policy, String setting, MailetEntry entry, ContainerConfig config,
                                    ConfigReport report) {
        policy.targetProcessor().filter(p -> !config.processors().containsKey(p)).ifPresent(p ->
                report.error(entry.source(), "<" + setting + "> names processor '" + p + "', which does not exist; "
                        + "use error, " + (setting.equals("onMatchException") ? "nomatch, matchall" : "ignore")
                        + ", propagate or one of: " + String.join(", ", config.processors().keySet())));
        if (policy.targetProcessor().filter(Mail.GHOST::equals).isPresent()) {
            report.error(entry.source(), "<" + setting + "> cannot send mail to 'ghost'");
        }
    }
}

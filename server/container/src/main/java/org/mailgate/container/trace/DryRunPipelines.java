package org.mailgate.container.trace;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.stream.Collectors;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mailgate.api.config.ConfigError;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.trace.TraceReport;
import org.mailgate.container.config.ContainerConfig;
import org.mailgate.container.context.ContextSettings;
import org.mailgate.container.context.MailgateMailetContext;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineFactory;
import org.mailgate.container.load.ClassResolver;
import org.mailgate.container.load.MailetLoader;

/**
 * The container's dry-run mode: for each trace, a pipeline built afresh from a configuration whose mailets
 * get recording stand-ins for the outgoing queues, the repositories and the spool (through the mailet
 * context), so that nothing is stored or delivered. Everything else a mailet or matcher may take comes from
 * {@code seams} (the gateway's DNS, domain list, rewrite table...): those run for real.
 */
public final class DryRunPipelines {

    private final Module seams;
    private final ClassResolver classes;
    private final ContextSettings settings;
    private final DomainList domains;
    private final DnsResolver dns;

    public DryRunPipelines(Module seams, ClassResolver classes, ContextSettings settings, DomainList domains,
                           DnsResolver dns) {
        this.seams = seams;
        this.classes = classes;
        this.settings = settings;
        this.domains = domains;
        this.dns = dns;
    }

    /**
     * Traces {@code mail} through a pipeline built from {@code config}, then destroys that pipeline.
     *
     * @throws IllegalStateException if the configuration does not build (a mailet asks for what a trace
     *                               cannot give it)
     */
    public TraceReport trace(ContainerConfig config, Mail mail) {
        TraceRecorder recorder = new TraceRecorder();
        DryRunSpool spool = new DryRunSpool(recorder);
        MailgateMailetContext context = new MailgateMailetContext(settings, domains, dns, spool, MailMetrics.NONE);
        Injector injector = Guice.createInjector(seams, binder -> {
            binder.bind(OutgoingQueues.class).toInstance(new DryRunOutgoingQueues(recorder));
            binder.bind(MailRepositoryStore.class).toInstance(new DryRunRepositoryStore(recorder));
            binder.bind(MailSpool.class).toInstance(spool);
            binder.bind(MailetContext.class).toInstance(context);
        });
        ConfigReport report = new ConfigReport();
        Pipeline pipeline = new PipelineFactory(new MailetLoader(injector, classes), context).build(config, report);
        try {
            if (report.hasErrors()) {
                throw new IllegalStateException("the pipeline cannot be built for a trace: " + report.errors().stream()
                        .map(ConfigError::toString).collect(Collectors.joining("; ")));
            }
            return recorder.trace(pipeline, mail);
        } finally {
            pipeline.destroy();
        }
    }
}

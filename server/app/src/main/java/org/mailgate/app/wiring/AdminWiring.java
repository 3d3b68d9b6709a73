package org.mailgate.app.wiring;

import com.google.inject.Injector;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailgate.admin.AddressingStores;
import org.mailgate.admin.AdminRoutes;
import org.mailgate.admin.AdminServer;
import org.mailgate.admin.OutgoingQueueHealthCheck;
import org.mailgate.admin.StoreMetrics;
import org.mailgate.admin.TaskManager;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.domain.DomainStore;
import org.mailgate.api.health.HealthCheck;
import org.mailgate.api.metrics.StoreStatistics;
import org.mailgate.api.net.NetworkList;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.api.rrt.MappingStore;
import org.mailgate.api.rrt.RewriteTableListing;
import org.mailgate.api.trace.MailTracer;
import org.mailgate.api.user.Users;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.app.trace.GatewayTracer;
import org.mailgate.app.trace.LivePipelineConfig;
import org.mailgate.app.trace.TraceSeamsModule;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.ProcessorConfig;
import org.mailgate.container.context.ContextSettings;
import org.mailgate.container.load.ClassResolver;
import org.mailgate.container.trace.DryRunPipelines;
import org.mailgate.spool.SpoolWritableCheck;
import org.mailgate.spool.StoreHealthCheck;

/** The admin API over the stores, if {@code webadmin.properties} enables it. */
public final class AdminWiring {

    private AdminWiring() {
    }

    /** {@code live}: the configuration of the pipeline in use, which {@code POST /trace} dry-runs through. */
    public static Optional<AdminServer> server(Injector injector, MailgateConfig config, Path varDir,
                                               LivePipelineConfig live) {
        if (!config.webAdmin().enabled()) {
            return Optional.empty();
        }
        StoreStatistics statistics = injector.getInstance(StoreStatistics.class);
        OutgoingQueueControl queues = injector.getInstance(OutgoingQueueControl.class);
        MailRepositoryStore repositories = injector.getInstance(MailRepositoryStore.class);
        Set<MailRepositoryUrl> configured = configuredRepositories(config);
        PrometheusMeterRegistry metrics = injector.getInstance(PrometheusMeterRegistry.class);
        List<HealthCheck> checks = List.of(injector.getInstance(StoreHealthCheck.class),
                injector.getInstance(SpoolWritableCheck.class),
                new OutgoingQueueHealthCheck(statistics, queues, config.webAdmin().maxReadyAge()));
        Clock clock = injector.getInstance(Clock.class);
        TaskManager tasks = new TaskManager(clock, TaskManager.KEEP_FINISHED);
        AdminRoutes routes = new AdminRoutes(checks, queues, repositories,
                injector.getInstance(MailRepositoryReprocessor.class), configured, metrics,
                new AddressingStores(injector.getInstance(DomainStore.class), injector.getInstance(Users.class),
                        injector.getInstance(MappingStore.class), injector.getInstance(RewriteTableListing.class)),
                tracer(injector, config, live), tasks, clock);
        return Optional.of(new AdminServer(config.webAdmin(), varDir, routes, tasks,
                List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(),
                        new StoreMetrics(statistics, queues, repositories, configured)), metrics));
    }

    /**
     * Dry runs through the pipeline in use, with the gateway's read-only seams; a client counts as
     * authorised by the first SMTP listener's {@code authorizedAddresses}.
     */
    private static MailTracer tracer(Injector injector, MailgateConfig config, LivePipelineConfig live) {
        DryRunPipelines pipelines = new DryRunPipelines(new TraceSeamsModule(injector),
                injector.getInstance(ClassResolver.class), injector.getInstance(ContextSettings.class),
                injector.getInstance(DomainList.class), injector.getInstance(DnsResolver.class));
        NetworkList authorized = config.smtp().servers().isEmpty() ? NetworkList.none()
                : config.smtp().servers().getFirst().authorizedAddresses();
        return new GatewayTracer(pipelines, live, authorized);
    }

    /** The error repository and every {@code repositoryPath} a mailet (James's ToRepository) names. */
    static Set<MailRepositoryUrl> configuredRepositories(MailgateConfig config) {
        Set<MailRepositoryUrl> urls = new HashSet<>();
        urls.add(config.container().errorRepository());
        for (ProcessorConfig processor : config.container().processors().values()) {
            for (MailetEntry mailet : processor.mailets()) {
                String path = mailet.parameters().get("repositoryPath");
                if (path != null) {
                    try {
                        urls.add(MailRepositoryUrl.of(path));
                    } catch (IllegalArgumentException e) {
                        // the mailet reports its own bad parameter
                    }
                }
            }
        }
        return urls;
    }
}

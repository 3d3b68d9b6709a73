package org.mailgate.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailgate.api.Service;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.app.routes.Conveyors;
import org.mailgate.app.routes.MailRoutes;
import org.mailgate.app.wiring.Modules;
import org.mailgate.container.engine.Pipeline;
import org.mailgate.container.engine.PipelineFactory;
import org.mailgate.container.engine.PipelineHolder;
import org.mailgate.container.engine.Spooler;
import org.mailgate.delivery.RemoteDeliveryService;
import org.mailgate.dns.DnsJavaResolver;
import org.mailgate.smtp.server.SmtpServer;
import org.mailgate.spool.Database;
import org.mailgate.spool.H2OutgoingQueues;
import org.mailgate.spool.SpoolSettings;
import org.mailgate.spool.StoreQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled gateway: configuration, injector, pipeline and the services in the order mail flows
 * through them. Assembling does no I/O; {@link #start()} opens the store, DNS, the SMTP listeners and
 * the routes, {@link #stop()} closes them in reverse.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Injector injector;
    private final PipelineHolder pipeline;
    private final List<Service> services;
    private final List<Service> started = new ArrayList<>();

    private Gateway(Injector injector, PipelineHolder pipeline, List<Service> services) {
        this.injector = injector;
        this.pipeline = pipeline;
        this.services = services;
    }

    /**
     * Builds everything from {@code config}: errors (an unknown mailet, a bad parameter) go to
     * {@code report}; check it before starting.
     */
    public static Gateway assemble(MailgateConfig config, Path varDir, String version, ConfigReport report) {
        return assemble(config, varDir, version, Clock.systemUTC(), report);
    }

    /** As above, with the clock the stores schedule by (tests move it). */
    public static Gateway assemble(MailgateConfig config, Path varDir, String version, Clock clock,
                                   ConfigReport report) {
        // Mailgate uses no method interception: spare Guice its class generation (and the JDK its
        // warnings about the sun.misc.Unsafe calls that would need).
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        List<Module> modules = Modules.all(config, SpoolSettings.defaults(varDir), clock, version);
        LOG.debug("modules: {}", modules.stream().map(m -> m.getClass().getSimpleName()).toList());
        Injector injector = Guice.createInjector(modules);
        Pipeline built = injector.getInstance(PipelineFactory.class).build(config.container(), report);
        PipelineHolder pipeline = new PipelineHolder(built);
        Spooler spooler = new Spooler(injector.getInstance(SpoolProcessing.class), pipeline,
                injector.getInstance(MailRepositoryStore.class), config.container().errorRepository());
        RemoteDeliveryService delivery = injector.getInstance(RemoteDeliveryService.class);
        StoreQueues queues = injector.getInstance(StoreQueues.class);
        int deliveryWorkers = injector.getInstance(H2OutgoingQueues.class).totalDeliveryThreads();
        MailRoutes routes = new MailRoutes(spooler, delivery, config.container().threads(), deliveryWorkers);
        Conveyors conveyors = new Conveyors(Map.of("spool", queues.spool(), "outgoing", queues.outgoing()), routes,
                delivery, Duration.ofSeconds(20));
        List<Service> services = List.of(injector.getInstance(Database.class),
                injector.getInstance(DnsJavaResolver.class), injector.getInstance(SmtpServer.class), delivery,
                conveyors);
        return new Gateway(injector, pipeline, services);
    }

    public void start() throws Exception {
        for (Service service : services) {
            service.start();
            started.add(0, service);
        }
    }

    /** Stops what was started, newest first; a failing stop does not keep the others from stopping. */
    public void stop() {
        for (Service service : List.copyOf(started)) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                LOG.error("stopping {} failed: {}", service.serviceName(), e.getMessage(), e);
            }
            started.remove(service);
        }
        pipeline.current().destroy();
    }

    public List<InetSocketAddress> smtpAddresses() {
        return injector.getInstance(SmtpServer.class).addresses();
    }

    /** For tests and tools that look inside. */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }
}

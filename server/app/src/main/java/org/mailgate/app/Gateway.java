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
import java.util.Optional;
import org.mailgate.admin.AdminServer;
import org.mailgate.api.Service;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.spool.SpoolProcessing;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.app.control.ControlSocket;
import org.mailgate.app.reload.PipelineReload;
import org.mailgate.app.reload.ReloadOutcome;
import org.mailgate.app.routes.Conveyors;
import org.mailgate.app.routes.MailRoutes;
import org.mailgate.app.trace.LivePipelineConfig;
import org.mailgate.app.wiring.AdminWiring;
import org.mailgate.app.wiring.Modules;
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
import org.mailgate.spool.domain.ConfiguredDomainList;
import org.mailgate.spool.rrt.ConfiguredRecipientRewriteTable;
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
    private final MailgateConfig config;
    private final Database database;
    private final Path varDir;
    private final List<Service> started = new ArrayList<>();
    private PipelineHolder pipeline;
    private PipelineReload reload;
    private List<Service> services;
    private Optional<AdminServer> admin = Optional.empty();
    private Thread storeOpening;
    private volatile Exception storeFailure;

    private Gateway(Injector injector, MailgateConfig config, Path varDir) {
        this.injector = injector;
        this.config = config;
        this.varDir = varDir;
        this.database = injector.getInstance(Database.class);
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
        Gateway gateway = create(config, varDir, version, clock);
        gateway.buildPipeline(report);
        return gateway;
    }

    /** The injector with every module; nothing is opened, no mailet created yet. */
    public static Gateway create(MailgateConfig config, Path varDir, String version, Clock clock) {
        // Mailgate uses no method interception: spare Guice its class generation (and the JDK its
        // warnings about the sun.misc.Unsafe calls that would need).
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
        List<Module> modules = Modules.all(config, SpoolSettings.defaults(varDir), clock, version);
        LOG.debug("modules: {}", modules.stream().map(m -> m.getClass().getSimpleName()).toList());
        return new Gateway(Guice.createInjector(modules), config, varDir);
    }

    /** Creates and initialises the mailets and matchers, and the routes that feed them. */
    public void buildPipeline(ConfigReport report) {
        PipelineFactory factory = injector.getInstance(PipelineFactory.class);
        pipeline = new PipelineHolder(factory.build(config.container(), report));
        LivePipelineConfig live = new LivePipelineConfig(config.container());
        reload = new PipelineReload(config, factory, pipeline, injector.getInstance(ConfiguredDomainList.class),
                injector.getInstance(ConfiguredRecipientRewriteTable.class), live);
        Spooler spooler = new Spooler(injector.getInstance(SpoolProcessing.class), pipeline,
                injector.getInstance(MailRepositoryStore.class), config.container().errorRepository());
        RemoteDeliveryService delivery = injector.getInstance(RemoteDeliveryService.class);
        StoreQueues queues = injector.getInstance(StoreQueues.class);
        int deliveryWorkers = injector.getInstance(H2OutgoingQueues.class).totalDeliveryThreads();
        MailRoutes routes = new MailRoutes(spooler, delivery, config.container().threads(), deliveryWorkers);
        Conveyors conveyors = new Conveyors(Map.of("spool", queues.spool(), "outgoing", queues.outgoing()), routes,
                delivery, Duration.ofSeconds(20));
        List<Service> all = new ArrayList<>(List.of(database, new ControlSocket(varDir, reload),
                injector.getInstance(DnsJavaResolver.class), injector.getInstance(SmtpServer.class), delivery, conveyors));
        admin = AdminWiring.server(injector, config, varDir, live);
        admin.ifPresent(all::add);
        services = List.copyOf(all);
    }

    /**
     * Starts opening the store on another thread, so that it overlaps with building the pipeline;
     * {@link #start()} waits for it.
     */
    public void openStoreEarly() {
        storeOpening = Thread.ofPlatform().name("store-opening").start(() -> {
            try {
                database.start();
            } catch (Exception e) {
                storeFailure = e;
            }
        });
    }

    public void start() throws Exception {
        for (Service service : services) {
            long begin = System.nanoTime();
            if (service == database && storeOpening != null) {
                storeOpening.join();
                started.add(0, database);
                if (storeFailure != null) {
                    throw storeFailure;
                }
            } else {
                service.start();
                started.add(0, service);
            }
            LOG.debug("{} started in {} ms", service.serviceName(), (System.nanoTime() - begin) / 1_000_000);
        }
    }

    /** Stops what was started, newest first; a failing stop does not keep the others from stopping. */
    public void stop() {
        if (storeOpening != null && started.isEmpty()) {
            try {
                storeOpening.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            started.add(database);
        }
        for (Service service : List.copyOf(started)) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                LOG.error("stopping {} failed: {}", service.serviceName(), e.getMessage(), e);
            }
            started.remove(service);
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Re-reads the configuration and replaces the pipeline if it is valid ({@link PipelineReload}). */
    public ReloadOutcome reload() {
        return reload.reload();
    }

    public List<InetSocketAddress> smtpAddresses() {
        return injector.getInstance(SmtpServer.class).addresses();
    }

    /** Where the admin API listens, if it is enabled and started. */
    public Optional<InetSocketAddress> adminAddress() {
        return admin.map(AdminServer::address);
    }

    /** For tests and tools that look inside. */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }
}

package org.mailgate.admin;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mailgate.api.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API on the JDK's HTTP server, one virtual thread per request, every request checked
 * against the {@link AccessToken}; with it, the {@link TaskManager} that runs its long operations.
 */
public final class AdminServer implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final WebAdminConfig config;
    private final Path varDir;
    private final List<Route> routes;
    private final TaskManager tasks;
    private final List<MeterBinder> meters;
    private final MeterRegistry registry;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * {@code meters} are bound to {@code registry} at start (some read the store, open by then) and
     * closed at stop if they hold resources (the JVM's GC listeners).
     */
    public AdminServer(WebAdminConfig config, Path varDir, AdminRoutes routes, TaskManager tasks,
                       List<MeterBinder> meters, MeterRegistry registry) {
        this.config = config;
        this.varDir = varDir;
        this.routes = routes.all();
        this.tasks = tasks;
        this.meters = List.copyOf(meters);
        this.registry = registry;
    }

    /** A start that fails (the port taken) undoes itself: a failed service is not stopped by the gateway. */
    @Override
    public void start() throws Exception {
        try {
            AccessToken token = AccessToken.resolve(config.token(), varDir);
            meters.forEach(binder -> binder.bindTo(registry));
            tasks.start();
            executor = Executors.newVirtualThreadPerTaskExecutor();
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
            server.setExecutor(executor);
            server.createContext("/", new Dispatcher(token, routes));
            server.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        LOG.info("admin API listening on http://{}:{}/", config.host(), address().getPort());
    }

    /** Where it listens (the real port when configured with 0). */
    public InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the admin API is not running");
        }
        return server.getAddress();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        tasks.stop();
        if (executor != null) {
            // Not close(): it would wait for every open request, and GET /tasks/{id}/await may wait an hour.
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("admin API requests still open after 5 s: left to end on their own");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        for (MeterBinder binder : meters) {
            if (binder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing meters {} failed: {}", binder.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }

    @Override
    public String serviceName() {
        return "admin API";
    }
}

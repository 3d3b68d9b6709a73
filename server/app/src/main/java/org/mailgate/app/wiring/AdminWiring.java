package org.mailgate.app.wiring;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailgate.admin.AdminRoutes;
import org.mailgate.admin.AdminServer;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.api.repository.MailRepositoryUrl;
import org.mailgate.app.config.MailgateConfig;
import org.mailgate.container.config.MailetEntry;
import org.mailgate.container.config.ProcessorConfig;
import org.mailgate.spool.StoreHealthCheck;

/** The admin API over the stores, if {@code webadmin.properties} enables it. */
public final class AdminWiring {

    private AdminWiring() {
    }

    public static Optional<AdminServer> server(Injector injector, MailgateConfig config, Path varDir) {
        if (!config.webAdmin().enabled()) {
            return Optional.empty();
        }
        AdminRoutes routes = new AdminRoutes(List.of(injector.getInstance(StoreHealthCheck.class)),
                injector.getInstance(OutgoingQueueControl.class), injector.getInstance(MailRepositoryStore.class),
                injector.getInstance(MailRepositoryReprocessor.class), configuredRepositories(config));
        return Optional.of(new AdminServer(config.webAdmin(), varDir, routes));
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

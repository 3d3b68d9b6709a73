package org.mailgate.app.wiring;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mailgate.admin.AdminRoutes;
import org.mailgate.admin.AdminServer;
import org.mailgate.admin.WebAdminConfig;
import org.mailgate.api.delivery.OutgoingQueueControl;
import org.mailgate.api.repository.MailRepositoryReprocessor;
import org.mailgate.api.repository.MailRepositoryStore;
import org.mailgate.spool.StoreHealthCheck;

/** The admin API over the stores, if {@code webadmin.properties} enables it. */
public final class AdminWiring {

    private AdminWiring() {
    }

    public static Optional<AdminServer> server(Injector injector, WebAdminConfig config, Path varDir) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        AdminRoutes routes = new AdminRoutes(List.of(injector.getInstance(StoreHealthCheck.class)),
                injector.getInstance(OutgoingQueueControl.class), injector.getInstance(MailRepositoryStore.class),
                injector.getInstance(MailRepositoryReprocessor.class));
        return Optional.of(new AdminServer(config, varDir, routes));
    }
}

package org.mailgate.app.trace;

import java.util.concurrent.atomic.AtomicReference;
import org.mailgate.container.config.ContainerConfig;

/**
 * The {@code mailetcontainer.xml} the running pipeline was built from: the start's, then each reload's.
 * A trace builds its dry-run pipeline from it, so it follows what runs, not what the file says now.
 */
public final class LivePipelineConfig {

    private final AtomicReference<ContainerConfig> current;

    public LivePipelineConfig(ContainerConfig atStart) {
        this.current = new AtomicReference<>(atStart);
    }

    public ContainerConfig current() {
        return current.get();
    }

    /** Called once a reloaded pipeline is in place. */
    public void replace(ContainerConfig reloaded) {
        current.set(reloaded);
    }
}

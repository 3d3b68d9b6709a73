package org.mailgate.container.engine;

import java.util.concurrent.atomic.AtomicReference;

/** The pipeline in use; replaced as a whole, so mail in flight finishes on the one it started with. */
public final class PipelineHolder {

    private final AtomicReference<Pipeline> current;

    public PipelineHolder(Pipeline pipeline) {
        this.current = new AtomicReference<>(pipeline);
    }

    public Pipeline current() {
        return current.get();
    }

    /** Installs {@code next}; returns the one it replaces. */
    public Pipeline replace(Pipeline next) {
        return current.getAndSet(next);
    }
}

package org.mailgate.container.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline in use, replaced as a whole. A mail is processed under a {@link Lease} on the pipeline
 * current when it started, so mail in flight finishes on that pipeline after a replacement; a replaced
 * pipeline's mailets are destroyed once the last lease on it is closed.
 */
public final class PipelineHolder {

    private final AtomicReference<Generation> current;

    public PipelineHolder(Pipeline pipeline) {
        this.current = new AtomicReference<>(new Generation(pipeline));
    }

    /** The pipeline in use now, for a look; to process mail, take a {@link #lease()}. */
    public Pipeline current() {
        return current.get().pipeline;
    }

    /**
     * The current pipeline, kept alive (not destroyed) until the lease is closed.
     *
     * @throws IllegalStateException once the holder is closed and its pipeline destroyed
     */
    public Lease lease() {
        while (true) {
            Generation generation = current.get();
            if (generation.enter()) {
                return new Lease(generation);
            }
            if (current.get() == generation) {
                // destroyed with no successor: the holder was closed; spinning here would never end
                throw new IllegalStateException("the pipeline holder is closed");
            }
            // replaced and destroyed between the read and enter(): the next read sees its successor
        }
    }

    /**
     * Installs {@code next}; the pipeline it replaces is destroyed as soon as no mail is on it any more
     * (at once when none is).
     */
    public void replace(Pipeline next) {
        current.getAndSet(new Generation(next)).retire();
    }

    /** Destroys the current pipeline once the mail on it is done; the holder is not used afterwards. */
    public void close() {
        current.get().retire();
    }

    /** A pipeline with a count of its users: the holder (while current) and each open lease. */
    private static final class Generation {
        private final Pipeline pipeline;
        private final AtomicInteger users = new AtomicInteger(1);
        private final AtomicInteger retired = new AtomicInteger();

        Generation(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        boolean enter() {
            while (true) {
                int now = users.get();
                if (now == 0) {
                    return false;
                }
                if (users.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }

        void leave() {
            if (users.decrementAndGet() == 0) {
                pipeline.destroy();
            }
        }

        /** Gives up the holder's reference once only. */
        void retire() {
            if (retired.compareAndSet(0, 1)) {
                leave();
            }
        }
    }

    /** Use of one pipeline for one mail; close it when the mail is done. */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private final AtomicInteger closed = new AtomicInteger();

        private Lease(Generation generation) {
            this.generation = generation;
        }

        public Pipeline pipeline() {
            return generation.pipeline;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(0, 1)) {
                generation.leave();
            }
        }
    }
}

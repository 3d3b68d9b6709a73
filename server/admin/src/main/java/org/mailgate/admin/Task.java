package org.mailgate.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One long operation submitted to the {@link TaskManager}: what it is, how it stands, and what it reports
 * of its work so far ({@code additionalInformation}, as James's tasks do). Its state changes under its
 * own lock; {@link #await} lets any number of requests wait for its end.
 */
final class Task {

    enum Status {
        WAITING("waiting"), IN_PROGRESS("inProgress"), COMPLETED("completed"), FAILED("failed"),
        CANCELLED("cancelled");

        final String value;

        Status(String value) {
            this.value = value;
        }

        boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }

        static Optional<Status> of(String value) {
            for (Status status : values()) {
                if (status.value.equals(value)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /** The work of a task; tells its progress through {@link Progress}, which says when to stop. */
    @FunctionalInterface
    interface Work {
        /** Does the work; returns the final information. */
        Map<String, Object> run(Progress progress) throws Exception;
    }

    /** What a running task's work is told. */
    interface Progress {
        /** Records the information so far; {@code false} when the task is to stop (cancelled, or the server stops). */
        boolean report(Map<String, Object> information);
    }

    private final String id;
    private final String type;
    private final Work work;
    private final Clock clock;
    private final Instant submitted;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Status status = Status.WAITING;
    private Instant started;
    private Instant ended;
    private Map<String, Object> information;
    private String error;
    private boolean cancelRequested;

    Task(String id, String type, Map<String, Object> information, Work work, Clock clock) {
        this.id = id;
        this.type = type;
        this.information = new LinkedHashMap<>(information);
        this.work = work;
        this.clock = clock;
        this.submitted = clock.instant();
    }

    String id() {
        return id;
    }

    synchronized Status status() {
        return status;
    }

    /** Runs the work on the calling thread, unless the task was cancelled while it waited. */
    void run(java.util.function.BooleanSupplier stopping) {
        synchronized (this) {
            if (status != Status.WAITING) {
                return;
            }
            status = Status.IN_PROGRESS;
            started = clock.instant();
        }
        Status end;
        Map<String, Object> result = null;
        String failure = null;
        try {
            result = work.run(info -> {
                synchronized (this) {
                    information = new LinkedHashMap<>(info);
                    return !cancelRequested && !stopping.getAsBoolean();
                }
            });
            end = Status.COMPLETED;
        } catch (Exception | LinkageError e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            end = Status.FAILED;
        }
        synchronized (this) {
            if (result != null) {
                information = new LinkedHashMap<>(result);
            }
            if (end == Status.COMPLETED && (cancelRequested || stopping.getAsBoolean())) {
                end = Status.CANCELLED;
            }
            error = failure;
            finish(end);
        }
    }

    /** Asks the task to stop: a waiting one is cancelled at once, a running one at its next report. */
    synchronized void cancel() {
        if (status == Status.WAITING) {
            finish(Status.CANCELLED);
        } else if (status == Status.IN_PROGRESS) {
            cancelRequested = true;
        }
    }

    private void finish(Status end) {
        status = end;
        ended = clock.instant();
        finished.countDown();
    }

    /** Waits at most {@code timeoutMillis} for the task to end; whether it did. */
    boolean await(long timeoutMillis) throws InterruptedException {
        return finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The task as James's API shows it. */
    synchronized Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", id);
        m.put("type", type);
        m.put("status", status.value);
        m.put("submitDate", submitted.toString());
        m.put("startedDate", started == null ? null : started.toString());
        m.put(switch (status) {
            case FAILED -> "failedDate";
            case CANCELLED -> "cancelledDate";
            default -> "completedDate";
        }, ended == null ? null : ended.toString());
        if (error != null) {
            m.put("errorMessage", error);
        }
        m.put("additionalInformation", new LinkedHashMap<>(information));
        return m;
    }
}

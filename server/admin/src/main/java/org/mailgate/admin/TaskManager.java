package org.mailgate.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mailgate.api.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the admin API's long operations as tasks, as James's WebAdmin does: one at a time, in order of
 * submission, on one virtual thread. Tasks live in memory only: waiting and running ones, and the last
 * {@code keepFinished} finished ones. They do not survive a restart; the work they committed does (each
 * works in batches, each its own transaction). At stop, the running task is told to stop at its next
 * batch and the waiting ones are cancelled.
 */
public final class TaskManager implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    /** Finished tasks kept by default. */
    public static final int KEEP_FINISHED = 100;

    private final Clock clock;
    private final int keepFinished;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private volatile boolean stopping;
    /** Runs the submitted tasks in order, one at a time; none while stopped. */
    private ExecutorService worker;

    public TaskManager(Clock clock, int keepFinished) {
        this.clock = clock;
        this.keepFinished = keepFinished;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("admin-tasks").factory());
    }

    private void run(Task task) {
        task.run(() -> stopping);
        LOG.info("admin task {} ended: {}", task.id(), task.status().value);
        forgetOldFinished();
    }

    @Override
    public void stop() {
        ExecutorService running;
        synchronized (this) {
            stopping = true;
            running = worker;
            worker = null;
            tasks.values().stream().filter(task -> task.status() == Task.Status.WAITING).forEach(Task::cancel);
        }
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("an admin task is still running after 30 s: left to end on its own");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String serviceName() {
        return "admin tasks";
    }

    /** Queues {@code work} as a task of {@code type}; {@code information} is what it reports before it starts. */
    synchronized Task submit(String type, Map<String, Object> information, Task.Work work) {
        if (worker == null) {
            throw new IllegalStateException("the server is stopping: no new task is accepted");
        }
        Task task = new Task(UUID.randomUUID().toString(), type, information, work, clock);
        tasks.put(task.id(), task);
        LOG.info("admin task {} submitted: {}", task.id(), type);
        worker.execute(() -> run(task));
        return task;
    }

    synchronized Optional<Task> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** The tasks known, oldest submitted first, of {@code status} if given. */
    synchronized List<Task> list(Optional<Task.Status> status) {
        List<Task> all = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (status.isEmpty() || task.status() == status.get()) {
                all.add(task);
            }
        }
        return all;
    }

    private synchronized void forgetOldFinished() {
        long finished = tasks.values().stream().filter(t -> t.status().finished()).count();
        for (Iterator<Task> it = tasks.values().iterator(); it.hasNext() && finished > keepFinished; ) {
            if (it.next().status().finished()) {
                it.remove();
                finished--;
            }
        }
    }
}

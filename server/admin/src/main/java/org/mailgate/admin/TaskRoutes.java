package org.mailgate.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * James's {@code /tasks} endpoints: list (optionally by {@code status}), show, await the end (at most
 * {@code timeout}, default {@value #DEFAULT_AWAIT}; 408 when it passes) and cancel.
 */
final class TaskRoutes {

    static final String DEFAULT_AWAIT = "1h";

    private final TaskManager tasks;

    TaskRoutes(TaskManager tasks) {
        this.tasks = tasks;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/tasks", this::list),
                Route.of("GET", "/tasks/{id}", request -> Response.ok(task(request).json())),
                Route.of("GET", "/tasks/{id}/await", this::await),
                Route.of("DELETE", "/tasks/{id}", this::cancel));
    }

    /** The answer to a request that submitted {@code task}: 201, its id, and where to follow it. */
    static Response created(Task task) {
        return Response.json(201, Map.of("taskId", task.id())).withHeader("Location", "/tasks/" + task.id());
    }

    private Task task(Request request) throws ApiException {
        String id = request.path("id");
        return tasks.find(id).orElseThrow(() -> ApiException.notFound("no task '" + id
                + "' (finished tasks are kept in memory for a while, and none survives a restart)"));
    }

    private Response list(Request request) throws ApiException {
        Optional<Task.Status> status = Optional.empty();
        if (request.param("status").isPresent()) {
            String given = request.param("status").get();
            status = Optional.of(Task.Status.of(given).orElseThrow(() -> ApiException.badRequest("'status' must be "
                    + "one of waiting, inProgress, completed, failed, cancelled; got '" + given + "'")));
        }
        return Response.ok(tasks.list(status).stream().map(Task::json).toList());
    }

    private Response await(Request request) throws ApiException, InterruptedException {
        Task task = task(request);
        Duration timeout = Durations.parse("timeout", request.param("timeout").orElse(DEFAULT_AWAIT));
        if (!task.await(timeout.toMillis())) {
            throw ApiException.timeout("task " + task.id() + " did not end within " + timeout);
        }
        return Response.ok(task.json());
    }

    private Response cancel(Request request) throws ApiException {
        task(request).cancel();
        return Response.noContent();
    }
}

package org.mailgate.api.health;

import java.util.Objects;
import java.util.Optional;

/** One component's answer to "are you working?", as James's WebAdmin healthcheck reports it. */
public interface HealthCheck {

    String componentName();

    Result check();

    enum Status { HEALTHY, DEGRADED, UNHEALTHY }

    record Result(Status status, Optional<String> cause) {

        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(cause, "cause");
        }

        public static Result healthy() {
            return new Result(Status.HEALTHY, Optional.empty());
        }

        public static Result unhealthy(String cause) {
            return new Result(Status.UNHEALTHY, Optional.of(cause));
        }
    }
}

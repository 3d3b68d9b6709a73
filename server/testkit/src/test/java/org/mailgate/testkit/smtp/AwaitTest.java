package org.mailgate.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mailgate.testkit.Await;

/** Tests of {@link Await} (kept here because this package is the testkit's SMTP side that uses it most). */
class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();

        Await.until(Duration.ofSeconds(5), () -> checks.incrementAndGet() >= 3, () -> "three checks");

        assertThat(checks).hasValue(3);
    }

    @Test
    void returnsTheProbedValue() {
        AtomicInteger checks = new AtomicInteger();

        String value = Await.until(Duration.ofSeconds(5),
                () -> checks.incrementAndGet() < 2 ? Optional.empty() : Optional.of("found"), () -> "a value");

        assertThat(value).isEqualTo("found");
    }

    @Test
    void failsWithTheDescriptionOnTimeout() {
        AtomicInteger state = new AtomicInteger(41);

        assertThatThrownBy(() -> Await.until(Duration.ofMillis(30), () -> state.get() == 42,
                () -> "state to become 42, is " + state.get()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("state to become 42, is 41");
    }
}

package org.mailgate.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition in tests, re-checking it with short parks until it holds or a deadline passes.
 *
 * <p>Use this where no better signal exists (a {@code Condition} or latch owned by the code under test is
 * always preferable). It is a condition wait, never a fixed sleep: it returns as soon as the condition
 * holds, and on timeout it fails with an {@link AssertionError} that says what was awaited.
 */
public final class Await {

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Await() {
    }

    /**
     * Waits until {@code condition} returns {@code true}.
     *
     * @param timeout          how long to keep checking
     * @param condition        checked at once and then every few milliseconds
     * @param whatWeWaitedFor  describes the condition; evaluated only on timeout, so it may report the
     *                         current state
     * @throws AssertionError  if the condition did not hold within {@code timeout}, or the thread was
     *                         interrupted while waiting
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        Objects.requireNonNull(condition, "condition");
        until(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(),
                whatWeWaitedFor);
    }

    /**
     * Waits until {@code probe} returns a present value and returns that value.
     *
     * @param timeout  how long to keep probing
     * @param probe    probed at once and then every few milliseconds; empty means "not yet"
     * @param what     describes what was awaited; evaluated only on timeout
     * @param <T>      the type of the awaited value
     * @return the first value the probe produced
     * @throws AssertionError if no value appeared within {@code timeout}, or the thread was interrupted
     */
    public static <T> T until(Duration timeout, Supplier<Optional<T>> probe, Supplier<String> what) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(what, "what");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            LockSupport.parkNanos(Math.min(left, PARK_NANOS));
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for " + what.get());
            }
        }
    }
}

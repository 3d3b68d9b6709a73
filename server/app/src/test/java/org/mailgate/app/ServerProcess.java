package org.mailgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailgate in its own JVM, started with the test class path: for tests that need a heap limit, a
 * {@code kill -9}, or a real SIGTERM. Its output is kept and searched for the ready line.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready in \\d+ ms: SMTP on \\[/?([^\\]:]*):(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private InetSocketAddress smtp;
    private boolean ended;

    private ServerProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon(true).name("server-output").start(this::pump);
    }

    /** Starts {@code Main run --conf conf --var var} with the given JVM options. */
    public static ServerProcess start(Path conf, Path var, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--conf", conf.toString(), "--var", var.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new ServerProcess(builder.start());
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lock.lock();
                try {
                    output.add(line);
                    Matcher m = READY.matcher(line);
                    if (m.find() && smtp == null) {
                        smtp = new InetSocketAddress(m.group(1).isEmpty() ? "127.0.0.1" : m.group(1),
                                Integer.parseInt(m.group(2)));
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits for the ready line; returns the SMTP address it names. */
    public InetSocketAddress awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (smtp == null) {
                if (ended) {
                    throw new AssertionError("server ended before it was ready:\n" + String.join("\n", output));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("server not ready within " + timeout + ":\n" + String.join("\n", output));
                }
                changed.awaitNanos(left);
            }
            return smtp;
        } finally {
            lock.unlock();
        }
    }

    public List<String> output() {
        lock.lock();
        try {
            return List.copyOf(output);
        } finally {
            lock.unlock();
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, then the exit code. Through the process handle: {@code Process.destroy()} would also close
     * our end of the output pipe and lose what the server logs while it stops.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not stop within " + timeout + ":\n" + String.join("\n", output()));
        }
        awaitOutputEnd();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown of any kind. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        awaitOutputEnd();
    }

    private void awaitOutputEnd() throws InterruptedException {
        lock.lock();
        try {
            while (!ended) {
                changed.await(10, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

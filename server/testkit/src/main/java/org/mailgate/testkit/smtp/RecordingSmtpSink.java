package org.mailgate.testkit.smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server on 127.0.0.1 that records the messages it accepts: the "next hop" of end-to-end
 * tests and the target of load benchmarks.
 *
 * <p>It speaks enough ESMTP for a real client: greeting, EHLO/HELO, MAIL (ESMTP parameters ignored),
 * RCPT, DATA (with dot-unstuffing), RSET, NOOP, QUIT, with PIPELINING, and STARTTLS or implicit TLS when
 * {@link SinkOptions#tls()} says so (each {@link ReceivedMessage} tells whether it came over TLS); anything
 * else gets 500. A platform
 * thread accepts, and each connection runs on its own virtual thread with buffered I/O.
 *
 * <p>Tests can script failures while it runs ({@link #failNextMessages}, {@link #rejectRecipient},
 * {@link #dropConnectionDuringData}), play a slow server ({@link #holdMessagesTo}), wait for messages on
 * a condition ({@link #awaitMessages}), and
 * {@linkplain #stop() stop} and {@linkplain #restart() restart} it on the same port. Recorded messages
 * survive stop and restart. All methods are thread-safe.
 *
 * <pre>{@code
 * try (RecordingSmtpSink sink = RecordingSmtpSink.start()) {
 *     // ... point the server under test at sink.address() ...
 *     ReceivedMessage message = sink.awaitMessage(Duration.ofSeconds(10));
 *     assertThat(message.rcptTo()).containsExactly("bob@example.com");
 * }
 * }</pre>
 */
public final class RecordingSmtpSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSmtpSink.class);
    private static final int BACKLOG = 512;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final SinkOptions options;
    private final SinkScript script = new SinkScript();
    private final MessageLog log = new MessageLog();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final InetAddress loopback;
    private volatile int port;
    /** Guarded by {@link #lifecycle}; null when stopped. */
    private ServerSocket listener;
    /** Guarded by {@link #lifecycle}; null when stopped. */
    private Thread acceptor;

    private RecordingSmtpSink(SinkOptions options, InetAddress loopback) {
        this.options = options;
        this.port = options.port();
        this.loopback = loopback;
    }

    /** Starts a sink with the {@linkplain SinkOptions#defaults() default options} on an ephemeral port. */
    public static RecordingSmtpSink start() {
        return start(SinkOptions.defaults());
    }

    /**
     * Starts a sink with these options.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static RecordingSmtpSink start(SinkOptions options) {
        return start(options, "127.0.0.1");
    }

    /**
     * Starts a sink on another address of 127.0.0.0/8, e.g. {@code 127.0.0.2}: several sinks can then share
     * one port, as MX hosts all listening on port 25 do.
     *
     * @throws IllegalArgumentException if {@code loopbackAddress} is not in 127.0.0.0/8
     */
    public static RecordingSmtpSink start(SinkOptions options, String loopbackAddress) {
        InetAddress address;
        try {
            address = InetAddress.getByName(loopbackAddress);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an address: " + loopbackAddress, e);
        }
        if (!(address instanceof java.net.Inet4Address) || address.getAddress()[0] != 127) {
            throw new IllegalArgumentException("a sink listens on 127.0.0.0/8 only, not " + loopbackAddress);
        }
        RecordingSmtpSink sink = new RecordingSmtpSink(Objects.requireNonNull(options, "options"), address);
        sink.listen();
        return sink;
    }

    /** The port the sink listens on (the same after a restart). */
    public int port() {
        return port;
    }

    /** Its address (127.0.0.1 unless started on another) and {@link #port()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(loopback, port);
    }

    /** The options the sink was started with (with the actual port if it was ephemeral). */
    public SinkOptions options() {
        return options.withPort(port);
    }

    /** True between start (or restart) and stop. */
    public boolean isRunning() {
        lifecycle.lock();
        try {
            return listener != null;
        } finally {
            lifecycle.unlock();
        }
    }

    // ---------------------------------------------------------------- recorded messages

    /** A snapshot of the accepted messages, in arrival order. */
    public List<ReceivedMessage> messages() {
        return log.snapshot();
    }

    /**
     * The logins clients made with AUTH PLAIN or LOGIN, as {@code user:password}, in order. The sink offers
     * AUTH when its EHLO keywords include it (e.g. {@code AUTH PLAIN LOGIN}) and accepts every login.
     */
    public List<String> logins() {
        return log.logins();
    }

    /** The address each connection came from, in order of connection. */
    public List<String> clientAddresses() {
        return log.clients();
    }

    /** How many messages were accepted (and recorded). */
    public int messageCount() {
        return log.size();
    }

    /** How many messages were refused at the end of DATA because of {@link #failNextMessages}. */
    public int rejectedCount() {
        return log.rejected();
    }

    /** How many connections were accepted since the sink was created, across restarts. */
    public int connectionCount() {
        return connections.get();
    }

    /** How many connections are open right now. */
    public int openConnectionCount() {
        return open.size();
    }

    /**
     * Waits until at least {@code count} messages were accepted and returns the snapshot of all of them.
     *
     * @throws AssertionError on timeout, saying how many messages arrived and which
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return log.await(count, timeout,
                () -> connectionCount() + " connection(s), " + openConnectionCount() + " open");
    }

    /**
     * Waits for the first message and returns it.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public ReceivedMessage awaitMessage(Duration timeout) {
        return awaitMessages(1, timeout).get(0);
    }

    /** Forgets the recorded messages and the {@linkplain #rejectedCount() rejected count}. */
    public void clearMessages() {
        log.clear();
    }

    // ---------------------------------------------------------------- scripted failures

    /**
     * Answers the next {@code count} messages at the end of DATA with {@code code text} (e.g.
     * {@code 451, "4.3.0 try again later"}) instead of accepting them; they are not recorded but counted
     * in {@link #rejectedCount()}. Calls queue up: each scripted failure is used once, oldest first.
     *
     * @param code a 4xx or 5xx code
     * @param text the reply text, one line, usually starting with an enhanced status code
     */
    public void failNextMessages(int count, int code, String text) {
        script.failNextMessages(count, new ScriptedReply(code, text));
    }

    /**
     * Answers {@code RCPT TO} for {@code address} (compared case-insensitively) with {@code code text}
     * (e.g. {@code 550, "5.1.1 no such user"}) until {@link #clearScript()}.
     */
    public void rejectRecipient(String address, int code, String text) {
        script.rejectRecipient(Objects.requireNonNull(address, "address"), new ScriptedReply(code, text));
    }

    /**
     * For the next {@code count} messages, closes the connection without a reply once the first line of
     * message content has been read; those messages are not recorded.
     */
    public void dropConnectionDuringData(int count) {
        script.dropConnectionDuringData(count);
    }

    /**
     * From now on, withholds the reply to the end of DATA of every message with a recipient in
     * {@code domain} (compared case-insensitively) until {@link #releaseHeldMessages()}: a slow server,
     * whose clients wait for its answer. Held messages are recorded when released; if the sink stops
     * first, they are dropped without a reply.
     */
    public void holdMessagesTo(String domain) {
        script.holdMessagesTo(Objects.requireNonNull(domain, "domain"));
    }

    /** Stops holding messages; the held ones get their answer (as scripted, else accepted). */
    public void releaseHeldMessages() {
        script.releaseHeld();
    }

    /** How many messages are held right now. */
    public int heldCount() {
        return script.heldCount();
    }

    /** The most messages held at the same time since the sink was created. */
    public int mostHeldAtOnce() {
        return script.mostHeldAtOnce();
    }

    /**
     * Waits until at least {@code count} messages are held at once.
     *
     * @throws AssertionError on timeout, saying how many are held
     */
    public void awaitHeld(int count, Duration timeout) {
        if (!script.awaitHeld(count, timeout)) {
            throw new AssertionError("expected " + count + " held message(s) within " + timeout + ", but "
                    + heldCount() + " are held; " + connectionCount() + " connection(s), " + openConnectionCount()
                    + " open");
        }
    }

    /** Forgets every scripted failure and stops holding messages (releasing the held ones), used or not. */
    public void clearScript() {
        script.clear();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Stops listening and closes every open connection; waits for their threads to end. New connections
     * are then refused. Does nothing if already stopped.
     */
    public void stop() {
        lifecycle.lock();
        try {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            join(acceptor);
            listener = null;
            acceptor = null;
            script.abandonHeld();
            for (Socket socket : open.keySet()) {
                closeQuietly(socket);
            }
            for (Thread thread : open.values()) {
                join(thread);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Listens again on the same port (stopping first if running). Recorded messages and the script are
     * kept.
     *
     * @throws UncheckedIOException if the port cannot be bound again
     */
    public void restart() {
        lifecycle.lock();
        try {
            stop();
            listen();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void listen() {
        lifecycle.lock();
        try {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(loopback, port), BACKLOG);
            } catch (IOException e) {
                closeQuietly(socket);
                throw e;
            }
            port = socket.getLocalPort();
            listener = socket;
            acceptor = Thread.ofPlatform().daemon().name("smtp-sink-accept-" + port)
                    .start(() -> acceptLoop(socket));
            LOG.debug("sink listening on {}", socket.getLocalSocketAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + loopback.getHostAddress() + ":" + port, e);
        } finally {
            lifecycle.unlock();
        }
    }

    /** With implicit TLS, a server-side TLS socket over the accepted one (the handshake runs in the session). */
    private Socket implicitTls(Socket connection) throws IOException {
        if (options.tls().mode() != SinkTls.Mode.IMPLICIT) {
            return connection;
        }
        return options.tls().context().getSocketFactory().createSocket(connection, null, true);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("sink on port {} failed to accept: {}", port, e.toString());
                }
                continue;
            }
            int number = connections.incrementAndGet();
            try {
                connection.setTcpNoDelay(true);
                SinkSession session = new SinkSession(implicitTls(connection), number, options, script, log);
                Thread thread = Thread.ofVirtual().name("smtp-sink-" + port + "-" + number).unstarted(() -> {
                    try {
                        session.run();
                    } finally {
                        open.remove(connection);
                    }
                });
                open.put(connection, thread);
                thread.start();
            } catch (IOException e) {
                LOG.debug("sink connection {} failed to start: {}", number, e.toString());
                open.remove(connection);
                closeQuietly(connection);
            }
        }
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(STOP_GRACE)) {
                LOG.warn("sink thread {} did not end within {}", thread.getName(), STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (SocketException e) {
            LOG.trace("closing", e);
        } catch (Exception e) {
            LOG.debug("error while closing: {}", e.toString());
        }
    }
}

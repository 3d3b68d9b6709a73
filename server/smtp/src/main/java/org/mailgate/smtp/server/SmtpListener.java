package org.mailgate.smtp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.session.AuthAttempts;
import org.mailgate.smtp.session.AuthFailureTracker;
import org.mailgate.smtp.session.CommandLookup;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.session.SmtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket: a platform thread accepts, each connection gets a virtual thread. Connections
 * over the configured limits are told 421 and closed.
 */
final class SmtpListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final SmtpServerConfig config;
    private final InetSocketAddress bindAddress;
    private final SessionServices services;
    private final CommandLookup commands;
    private final ConnectionGate gate;
    private final AuthFailureTracker authFailures;
    private final AtomicLong sessionCounter;
    private final Set<SmtpSession> sessions;
    private final Set<Thread> sessionThreads = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private Thread acceptor;

    SmtpListener(SmtpServerConfig config, InetSocketAddress bindAddress, SessionServices services,
                 CommandLookup commands, ConnectionGate gate, AuthFailureTracker authFailures, AtomicLong sessionCounter,
                 Set<SmtpSession> sessions) {
        this.config = config;
        this.bindAddress = bindAddress;
        this.services = services;
        this.commands = commands;
        this.gate = gate;
        this.authFailures = authFailures;
        this.sessionCounter = sessionCounter;
        this.sessions = sessions;
    }

    void start() throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(bindAddress, config.backlog());
        acceptor = Thread.ofPlatform().name("smtp-accept-" + localAddress().getPort()).start(this::acceptLoop);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("accept on {} failed: {}", localAddress(), e.getMessage());
                }
                continue;
            }
            InetAddress client = socket.getInetAddress();
            Reply refused = gate.admit(client);
            String id = config.name() + "-" + sessionCounter.incrementAndGet();
            if (refused != null) {
                LOG.info("{}: refused [{}]: {}", id, client.getHostAddress(), refused);
                Thread.ofVirtual().name(id).start(() -> refuse(socket, refused));
                continue;
            }
            try {
                SmtpSession session = new SmtpSession(id, socket, config, services, commands,
                        new AuthAttempts(authFailures, client, config.auth().maxFailuresPerSession()));
                sessions.add(session);
                Thread thread = Thread.ofVirtual().name(id).unstarted(() -> {
                    try {
                        session.run();
                    } finally {
                        sessions.remove(session);
                        gate.release(client);
                        sessionThreads.remove(Thread.currentThread());
                    }
                });
                sessionThreads.add(thread);
                thread.start();
            } catch (IOException e) {
                gate.release(client);
                closeQuietly(socket);
            }
        }
    }

    private static void refuse(Socket socket, Reply reply) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(reply.render().getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    /** Stops accepting; sessions go on. */
    void close() {
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException e) {
            LOG.warn("closing {} failed: {}", bindAddress, e.getMessage());
        }
        if (acceptor != null) {
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Set<Thread> sessionThreads() {
        return sessionThreads;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}

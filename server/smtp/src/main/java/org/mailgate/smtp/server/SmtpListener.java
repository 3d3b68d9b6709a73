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
import java.util.Optional;
import org.mailgate.api.metrics.SmtpServerMeters;
import org.mailgate.smtp.config.LimitsConfig;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.limits.ClientLimits;
import org.mailgate.smtp.net.AddressText;
import org.mailgate.smtp.proxy.ProxyHeader;
import org.mailgate.smtp.proxy.ProxyHeaderReader;
import org.mailgate.smtp.proxy.ProxyProtocolException;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.AuthAttempts;
import org.mailgate.smtp.session.AuthFailureTracker;
import org.mailgate.smtp.session.CommandLookup;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.session.SmtpSession;
import org.mailgate.smtp.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket: a platform thread accepts, each connection gets a virtual thread. A connection
 * over {@code connectionLimit} is told 421 and closed at once. On its own thread a connection then learns
 * who its client really is (the socket's peer, or what a trusted proxy's PROXY header says), and only
 * then is held to the per-client limits: a client over them is told 421 and closed.
 */
final class SmtpListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final SmtpServerConfig config;
    private final InetSocketAddress bindAddress;
    private final SessionServices services;
    private final CommandLookup commands;
    private final ConnectionGate gate;
    private final ClientLimits clientLimits;
    private final AuthFailureTracker authFailures;
    private final SmtpServerMeters meters;
    private final AtomicLong sessionCounter;
    private final Set<SmtpSession> sessions;
    private final ServerTls tls;
    private final Set<Thread> sessionThreads = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private Thread acceptor;

    SmtpListener(SmtpServerConfig config, InetSocketAddress bindAddress, SessionServices services,
                 CommandLookup commands, ServerShared shared, AtomicLong sessionCounter, Set<SmtpSession> sessions,
                 ServerTls tls) {
        this.config = config;
        this.bindAddress = bindAddress;
        this.services = services;
        this.commands = commands;
        this.gate = shared.gate();
        this.clientLimits = shared.clientLimits();
        this.authFailures = shared.authFailures();
        this.meters = shared.meters();
        this.sessionCounter = sessionCounter;
        this.sessions = sessions;
        this.tls = tls;
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
            String id = config.name() + "-" + sessionCounter.incrementAndGet();
            meters.opened();
            if (!gate.admit()) {
                meters.refused(SmtpServerMeters.Refusal.CONNECTION_LIMIT);
                LOG.info("{}: refused [{}]: {}", id, AddressText.ip(socket.getInetAddress()),
                        Replies.TOO_MANY_CONNECTIONS);
                Thread.ofVirtual().name(id).start(() -> refuse(socket, Replies.TOO_MANY_CONNECTIONS));
                continue;
            }
            Thread thread = Thread.ofVirtual().name(id).unstarted(() -> {
                try {
                    serve(id, socket);
                } finally {
                    gate.release();
                    closeQuietly(socket);
                    sessionThreads.remove(Thread.currentThread());
                }
            });
            sessionThreads.add(thread);
            thread.start();
        }
    }

    private void serve(String id, Socket socket) {
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        Optional<InetSocketAddress> found = client(id, socket, peer);
        if (found.isEmpty()) {
            meters.refused(SmtpServerMeters.Refusal.PROXY);
            return;
        }
        InetSocketAddress client = found.get();
        InetAddress address = client.getAddress();
        ClientLimits.Admission admission = clientLimits.admit(address,
                config.authorizedAddresses().contains(address));
        if (admission != ClientLimits.Admission.ADMITTED) {
            boolean tooMany = admission == ClientLimits.Admission.TOO_MANY_SESSIONS;
            meters.refused(tooMany ? SmtpServerMeters.Refusal.PER_CLIENT_LIMIT
                    : SmtpServerMeters.Refusal.CONNECTION_RATE);
            Reply reply = tooMany ? Replies.TOO_MANY_FROM_YOU : Replies.CONNECTING_TOO_OFTEN;
            LOG.info("{}: refused [{}]: {}", id, AddressText.ip(address), reply);
            refuse(socket, reply);
            return;
        }
        try {
            SmtpSession session = new SmtpSession(id, socket, client, config, services, commands, clientLimits, tls,
                    new AuthAttempts(authFailures, address, config.auth().maxFailuresPerSession()));
            sessions.add(session);
            try {
                session.run();
            } finally {
                sessions.remove(session);
            }
            if (session.refusedEarlyTalker()) {
                meters.refused(SmtpServerMeters.Refusal.EARLY_TALKER);
            }
        } catch (IOException e) {
            LOG.debug("{}: connection from [{}] lost: {}", id, AddressText.ip(address), e.getMessage());
        } finally {
            clientLimits.release(address);
        }
    }

    /**
     * The real client: the socket's peer or, with the PROXY protocol on, the address a trusted proxy's
     * header names. Empty when the connection must be closed: it comes from an address that is not a
     * trusted proxy, or its header is missing, malformed or late. Such a connection gets no reply: the
     * peer may not speak SMTP, and a PROXY header from an untrusted address is an attempt to choose one's
     * own address.
     */
    private Optional<InetSocketAddress> client(String id, Socket socket, InetSocketAddress peer) {
        LimitsConfig.ProxyProtocol proxy = config.limits().proxy();
        if (!proxy.required()) {
            return Optional.of(peer);
        }
        String proxyIp = AddressText.ip(peer.getAddress());
        if (!proxy.trusted().contains(peer.getAddress())) {
            LOG.warn("{}: connection from [{}], which is not in <trustedProxies>, closed: this server expects "
                    + "a PROXY header from a trusted proxy", id, proxyIp);
            return Optional.empty();
        }
        try {
            ProxyHeader header = ProxyHeaderReader.read(socket, proxy.timeout());
            InetSocketAddress client = header.clientOr(peer);
            LOG.debug("{}: client [{}] through proxy [{}] (PROXY v{})", id, AddressText.ip(client.getAddress()),
                    proxyIp, header.version());
            return Optional.of(client);
        } catch (ProxyProtocolException e) {
            LOG.warn("{}: bad PROXY header from [{}], closed: {}", id, proxyIp, e.getMessage());
        } catch (IOException e) {
            LOG.info("{}: no complete PROXY header from [{}] within {} s, closed: {}", id, proxyIp,
                    proxy.timeout().toSeconds(), e.getMessage());
        }
        return Optional.empty();
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

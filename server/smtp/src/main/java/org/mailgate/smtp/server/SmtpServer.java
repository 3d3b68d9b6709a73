package org.mailgate.smtp.server;

import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mailgate.api.Service;
import org.mailgate.smtp.command.CommandTable;
import org.mailgate.smtp.config.SmtpServerConfig;
import org.mailgate.smtp.config.SmtpServersConfig;
import org.mailgate.smtp.limits.ClientLimits;
import org.mailgate.smtp.hook.HookFactory;
import org.mailgate.smtp.hook.HookServices;
import org.mailgate.smtp.session.AuthFailureTracker;
import org.mailgate.smtp.session.SessionServices;
import org.mailgate.smtp.session.SmtpSession;
import org.mailgate.smtp.tls.GeneratedCertificates;
import org.mailgate.smtp.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All SMTP listeners of {@code smtpserver.xml}. At stop it closes the listeners, lets sessions finish
 * the message under way within a grace period, then cuts the rest: a client that got no 250 retries.
 */
public final class SmtpServer implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);
    /** How often at most the certificate files are checked for changes. */
    private static final Duration TLS_FILE_CHECK = Duration.ofSeconds(2);

    private final SmtpServersConfig config;
    private final SessionServices services;
    private final Duration shutdownGrace;
    private final GeneratedCertificates certificates;
    private final HookFactory hooks;
    private final AtomicLong sessionCounter = new AtomicLong();
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final List<SmtpListener> listeners = new ArrayList<>();

    @Inject
    public SmtpServer(SmtpServersConfig config, SessionServices services, HookServices hookServices,
                      GeneratedCertificates certificates) {
        this(config, services, hookServices, Duration.ofSeconds(30), certificates);
    }

    /** Without a state directory (TLS needs configured keys) and without checks that need collaborators. */
    public SmtpServer(SmtpServersConfig config, SessionServices services, Duration shutdownGrace) {
        this(config, services, HookServices.none(), shutdownGrace, GeneratedCertificates.unavailable());
    }

    /**
     * @param hookServices what the checks of {@code <handlerchain>} need
     * @param certificates where self-signed certificates are generated for TLS without configured keys
     */
    public SmtpServer(SmtpServersConfig config, SessionServices services, HookServices hookServices,
                      Duration shutdownGrace, GeneratedCertificates certificates) {
        this.config = config;
        this.services = services;
        this.hooks = new HookFactory(hookServices);
        this.shutdownGrace = shutdownGrace;
        this.certificates = certificates;
    }

    @Override
    public void start() throws Exception {
        for (SmtpServerConfig server : config.servers()) {
            ConnectionGate gate = new ConnectionGate(server.connectionLimit());
            ClientLimits clientLimits = new ClientLimits(server.connectionLimitPerIp(), server.limits(),
                    services.clock());
            AuthFailureTracker authFailures = new AuthFailureTracker(server.auth().maxFailuresPerAddress(),
                    server.auth().failureWindow(), services.clock());
            ServerTls tls = server.tls().enabled()
                    ? ServerTls.prepare(server.name(), server.helloName(), server.tls(), certificates, TLS_FILE_CHECK)
                    : null;
            CommandTable commands = new CommandTable(hooks.build(server.handlerChain()));
            ServerShared shared = new ServerShared(gate, clientLimits, authFailures,
                    services.metrics().smtpServer(server.name(), gate::open));
            for (InetSocketAddress address : server.bind()) {
                SmtpListener listener = new SmtpListener(server, address, services, commands, shared, sessionCounter,
                        sessions, tls);
                try {
                    listener.start();
                } catch (java.io.IOException e) {
                    throw new java.io.IOException("cannot listen on " + address + " (" + server.name() + "): "
                            + e.getMessage(), e);
                }
                listeners.add(listener);
            }
        }
    }

    /** The addresses actually listened on (ports resolved when 0 was configured). */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(SmtpListener::localAddress).toList();
    }

    /** Sessions running now, on all listeners. */
    public int activeSessions() {
        return sessions.size();
    }

    @Override
    public void stop() {
        listeners.forEach(SmtpListener::close);
        sessions.forEach(SmtpSession::shutdown);
        Instant deadline = Instant.now().plus(shutdownGrace);
        awaitSessions(deadline);
        if (!sessions.isEmpty()) {
            LOG.warn("{} SMTP sessions still busy after {} s; closing them (their clients will retry)",
                    sessions.size(), shutdownGrace.toSeconds());
            sessions.forEach(SmtpSession::abort);
            awaitSessions(Instant.now().plusSeconds(5));
        }
    }

    private void awaitSessions(Instant deadline) {
        for (SmtpListener listener : listeners) {
            for (Thread thread : List.copyOf(listener.sessionThreads())) {
                long millis = Duration.between(Instant.now(), deadline).toMillis();
                if (millis <= 0) {
                    return;
                }
                try {
                    thread.join(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public String serviceName() {
        return "smtp";
    }
}

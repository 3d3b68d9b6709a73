package org.mailgate.delivery;

import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.mailgate.api.audit.MailAudit;
import org.mailgate.api.delivery.AttemptOutcome;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.delivery.OutgoingStore;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.delivery.report.SenderReports;
import org.mailgate.delivery.mime.OutboundContent;
import org.mailgate.delivery.route.RouteException;
import org.mailgate.delivery.route.Router;
import org.mailgate.delivery.route.Target;
import org.mailgate.delivery.smtp.ConnectionCache;
import org.mailgate.delivery.smtp.DsnRelay;
import org.mailgate.delivery.smtp.SmtpConnection;
import org.mailgate.delivery.smtp.SmtpConnector;
import org.mailgate.delivery.smtp.SmtpLogin;
import org.mailgate.delivery.smtp.SmtpTransaction;
import org.mailgate.delivery.smtp.StaleConnectionException;
import org.mailgate.delivery.smtp.TransactionResult;
import org.mailgate.delivery.tls.ConnectionPolicy;
import org.mailgate.delivery.tls.TlsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of one outgoing entry: its recipients grouped by destination, each group sent
 * in one SMTP transaction to the first target that answers, and the outcome recorded in one durable
 * transaction. Temporary failures wait for the next retry of the schedule; once the schedule is used
 * up, or on a permanent failure, the recipients go to the queue's failure processor. Each connection uses
 * TLS as the queue's {@link org.mailgate.api.delivery.TlsSettings} say for the destination (see
 * {@link ConnectionPolicy}); a destination whose policy requires TLS that cannot be had is a temporary
 * failure. A group whose destination already has {@code maxConnectionsPerDestination} deliveries under
 * way is not tried: it waits, briefly and without counting as a failed attempt (see {@link LimitedAttempt}),
 * so the worker goes on with mail for other destinations.
 */
public final class RemoteDeliveryService implements org.mailgate.api.Service {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteDeliveryService.class);
    /** How long mail of a queue that no RemoteDelivery declares waits before it is looked at again. */
    static final Duration UNDECLARED_QUEUE_RETRY = Duration.ofMinutes(5);

    private final OutgoingStore store;
    private final OutgoingQueues queues;
    private final Router router;
    private final Clock clock;
    private final DeliveryDefaults defaults;
    private final java.util.Set<SmtpConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ConnectionCache connections;
    private final AttemptOutcomes outcomes;
    private final MailMetrics metrics;
    private final OutcomeMetrics outcomeMetrics;
    private final SmtpConnector connector = new SmtpConnector(new TlsClient());
    private final DestinationLimits limits;

    @Inject
    public RemoteDeliveryService(OutgoingStore store, OutgoingQueues queues, DnsResolver dns, Clock clock,
                                 DeliveryDefaults defaults, MailMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.outcomeMetrics = new OutcomeMetrics(metrics);
        this.queues = queues;
        this.router = new Router(dns);
        this.clock = clock;
        this.defaults = defaults;
        this.connections = new ConnectionCache(defaults.messagesPerConnection(), defaults.connectionIdle(), clock);
        this.outcomes = new AttemptOutcomes(new SenderReports(defaults.heloName(), defaults.postmaster(), clock), clock);
        this.limits = new DestinationLimits(clock);
    }

    private volatile Thread sweeper;

    /** Starts closing idle connections to remote servers once they have waited too long. */
    @Override
    public void start() {
        sweeper = Thread.ofVirtual().name("delivery-connection-sweeper").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(defaults.connectionIdle());
                    connections.closeExpired();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Says QUIT on the idle connections. Deliveries under way are stopped by the routes before. */
    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.interrupt();
        }
        connections.closeAll();
    }

    @Override
    public String serviceName() {
        return "delivery";
    }

    /**
     * Attempts delivery of entry {@code entryId}; does nothing if it is gone or held. An entry an operator
     * asked to return fails at once, without an attempt.
     */
    public void deliver(long entryId) {
        Optional<OutgoingMail> loaded = store.load(entryId);
        if (loaded.isEmpty()) {
            return;
        }
        OutgoingMail mail = loaded.get();
        Optional<DeliverySettings> settings = queues.settings(mail.queueName());
        if (mail.returnRequested()) {
            record(mail, outcomes.returned(mail, settings));
            return;
        }
        if (settings.isEmpty()) {
            String reason = "no RemoteDelivery mailet feeds outgoing queue '" + mail.queueName()
                    + "' in the current configuration";
            LOG.warn("{}: {}; waiting {} min", mail.queueId(), reason, UNDECLARED_QUEUE_RETRY.toMinutes());
            store.record(mail, AttemptOutcome.deferredOnly(mail.recipients(), clock.instant().plus(UNDECLARED_QUEUE_RETRY),
                    reason));
            return;
        }
        List<RecipientResult> results = new ArrayList<>();
        LimitedAttempt limited = new LimitedAttempt(limits, settings.get().maxPerDestination(), mail.queueId().toString());
        for (Map.Entry<String, List<MailAddress>> group : groups(mail, settings.get()).entrySet()) {
            results.addAll(limited.run(group.getKey(), group.getValue(),
                    () -> timedAttempt(mail, group.getKey(), group.getValue(), settings.get())));
        }
        record(mail, limited.outcome(outcomes.of(mail, settings.get(), results)));
    }

    /** Stores what an attempt (or an operator's return) achieved, then counts it. */
    private void record(OutgoingMail mail, AttemptOutcome outcome) {
        store.record(mail, outcome);
        outcomeMetrics.recorded(outcome);
    }

    /** Recipients by destination: their domain, or with gateways, all in one group named after them. */
    private static Map<String, List<MailAddress>> groups(OutgoingMail mail, DeliverySettings settings) {
        Map<String, List<MailAddress>> groups = new LinkedHashMap<>();
        String gateways = "gateway " + String.join(",", settings.gateways().stream()
                .map(g -> g.host() + ":" + g.port()).toList());
        for (MailAddress recipient : mail.recipients()) {
            String key = settings.gateways().isEmpty() ? recipient.getDomain().asString() : gateways;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(recipient);
        }
        return groups;
    }

    /**
     * {@link #attempt}, timed under the group's destination: the recipients' domain, or for gateways, a name
     * no domain has (counted as "other").
     */
    private List<RecipientResult> timedAttempt(OutgoingMail mail, String destination, List<MailAddress> recipients,
                                               DeliverySettings settings) {
        long start = System.nanoTime();
        try {
            return attempt(mail, recipients, settings);
        } finally {
            metrics.deliveryDuration(destination, System.nanoTime() - start);
        }
    }

    private List<RecipientResult> attempt(OutgoingMail mail, List<MailAddress> recipients,
                                          DeliverySettings settings) {
        Domain domain = recipients.get(0).getDomain();
        List<Target> targets;
        try {
            targets = router.targets(domain, settings);
        } catch (RouteException e) {
            boolean gaveUpOnDns = !e.isPermanent() && settings.retries().maxDnsProblemRetries()
                    .filter(n -> mail.failedAttempts() >= n).isPresent();
            String reason = gaveUpOnDns ? e.getMessage() + " (a DNS problem after "
                    + mail.failedAttempts() + " retries; maxDnsProblemRetries is "
                    + settings.retries().maxDnsProblemRetries().get() + ")" : e.getMessage();
            return recipients.stream().map(r -> e.isPermanent() || gaveUpOnDns
                    ? RecipientResult.permanent(r, "none", reason)
                    : RecipientResult.temporary(r, "none", reason)).toList();
        }
        String lastProblem = "no target";
        String lastRelay = "none";
        for (Target target : targets) {
            TargetAttempt attempt = tryTarget(mail, recipients, settings, target);
            if (attempt.results() != null) {
                return attempt.results();
            }
            lastProblem = attempt.problem();
            lastRelay = target.describe();
            if (attempt.stopHere()) {
                break;
            }
        }
        String problem = lastProblem;
        String relay = lastRelay;
        return recipients.stream().map(r -> RecipientResult.temporary(r, relay, problem)).toList();
    }

    /**
     * The outcome of trying one target: results when the server answered for the recipients; otherwise
     * the problem, and whether trying the next target is wrong (the message may have been sent).
     */
    private record TargetAttempt(List<RecipientResult> results, String problem, boolean stopHere) {
    }

    private TargetAttempt tryTarget(OutgoingMail mail, List<MailAddress> recipients, DeliverySettings settings,
                                    Target target) {
        Instant start = clock.instant();
        String heloName = settings.heloName().orElse(defaults.heloName());
        String destination = settings.gateways().isEmpty() ? recipients.get(0).getDomain().asString() : target.host();
        ConnectionPolicy policy = ConnectionPolicy.resolve(settings.tls(), destination, target.host());
        ConnectionCache.Key key = new ConnectionCache.Key(target.address(), heloName, policy.requirement());
        Session session = null;
        try {
            TransactionResult result = null;
            OutboundContent content = null;
            while (result == null) {
                session = connection(key, target, settings, heloName, policy);
                if (session.refusal() != null) {
                    return new TargetAttempt(null, session.refusal(), false);
                }
                content = OutboundContent.of(mail, recipients, session.connection()::supports, target.describe());
                if (content.envelope().isEmpty()) {
                    release(key, session);
                    session = null;
                    return new TargetAttempt(content.refused(), null, true);
                }
                try {
                    result = SmtpTransaction.run(session.connection(), content.envelope().get(),
                            session.messages() > 0);
                } catch (StaleConnectionException e) {
                    LOG.debug("kept connection to {} unusable: {}", target.describe(), e.getMessage());
                    close(session);
                    session = null;
                } catch (IOException e) {
                    return new TargetAttempt(null, "lost connection with " + target.describe() + ": "
                            + e.getMessage(), true);
                }
            }
            MailAudit.log(mail.auditLabel(), "relay={}, tls={}", target.describe(),
                    session.connection().describeSecurity());
            List<RecipientResult> results = results(mail, result, target, Duration.between(start, clock.instant()),
                    DsnRelay.passesOn(session.connection()));
            results.addAll(content.refused());
            if (!result.closing()) {
                open.remove(session.connection());
                connections.give(key, session.connection(), session.messages() + 1);
                session = null;
            }
            return new TargetAttempt(results, null, true);
        } catch (IOException e) {
            return new TargetAttempt(null, "connect to " + target.describe() + ": " + e.getMessage(), false);
        } finally {
            if (session != null) {
                close(session);
            }
        }
    }

    /** Keeps a connection on which no transaction was started for the next message. */
    private void release(ConnectionCache.Key key, Session session) {
        open.remove(session.connection());
        connections.give(key, session.connection(), session.messages());
    }

    private void close(Session session) {
        open.remove(session.connection());
        session.connection().quit();
    }

    /**
     * A connection for the next transaction: an idle one to the same target opened for the same TLS
     * requirement (reset with RSET at the start of the transaction, so nothing of the last message can leak
     * into the next), else a new one greeted with EHLO, with TLS as the policy says.
     */
    private Session connection(ConnectionCache.Key key, Target target, DeliverySettings settings, String heloName,
                               ConnectionPolicy policy) throws IOException {
        Optional<ConnectionCache.Reused> cached = connections.take(key);
        if (cached.isPresent()) {
            metrics.clientConnection(true);
            open.add(cached.get().connection());
            return new Session(cached.get().connection(), cached.get().messages(), null);
        }
        SmtpConnector.Opened opened = connector.open(target.host(), target.address(), target.describe(), policy,
                new SmtpConnector.Dialing(settings.connectTimeout(), settings.readTimeout(), settings.bind()), heloName,
                open);
        metrics.clientConnection(false);
        if (opened.refusal() == null && settings.gatewayLogin().isPresent()) {
            return new Session(opened.connection(), 0,
                    SmtpLogin.login(opened.connection(), settings.gatewayLogin().get()).orElse(null));
        }
        return new Session(opened.connection(), 0, opened.refusal());
    }

    /** A connection for one transaction: how many messages it carried before, or why it cannot be used. */
    private record Session(SmtpConnection connection, int messages, String refusal) {
    }

    /**
     * Closes every connection in use, at shutdown: the deliveries under way fail as temporary errors,
     * are recorded, and the mail is tried again after the restart.
     */
    public void abortConnections() {
        open.forEach(SmtpConnection::close);
        connections.closeAll();
    }

    private List<RecipientResult> results(OutgoingMail mail, TransactionResult result, Target target,
                                          Duration took, boolean dsnPassedOn) {
        List<RecipientResult> results = new ArrayList<>();
        String relay = target.describe();
        result.replies().forEach((recipient, reply) -> {
            RecipientResult r = reply.isPositive() ? RecipientResult.delivered(recipient, relay, reply.text(), dsnPassedOn)
                    : reply.isTemporary() ? RecipientResult.temporary(recipient, relay, reply.text())
                    : RecipientResult.permanent(recipient, relay, reply.text());
            // a deferral is audited with its retry time by AttemptOutcomes
            if (r.kind() != RecipientResult.Kind.TEMPORARY && MailAudit.enabled()) {
                MailAudit.log(mail.auditLabel(), "to=<{}>, relay={}, delay={}s, status={} ({})", recipient.asString(),
                        relay, String.format(java.util.Locale.ROOT, "%.2f", took.toMillis() / 1000.0),
                        r.kind() == RecipientResult.Kind.DELIVERED ? "sent" : "bounced", reply.text());
            }
            results.add(r);
        });
        return results;
    }
}

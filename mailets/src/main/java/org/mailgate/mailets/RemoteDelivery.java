package org.mailgate.mailets;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.GatewayCredentials;
import org.mailgate.api.delivery.OutgoingQueue;
import org.mailgate.api.delivery.OutgoingQueues;
import org.mailgate.api.delivery.RetrySchedule;
import org.mailgate.api.delivery.TlsSettings;
import org.mailgate.api.mailet.MailetParameters;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.api.net.IpLiteral;

/**
 * Hands the mail to a durable outgoing queue, from which the delivery stage sends it over SMTP to the
 * MX hosts of each recipient's domain (or to the {@code gateway}), retrying temporary failures. The
 * mail is done here ({@code ghost}); the hand-off is part of the spool unit's transaction.
 *
 * <p>Parameters, with James's names and meanings: {@code outgoingQueue} (default {@code outgoing}),
 * {@code delayTime} (default {@code 5000, 100000, 500000}), {@code maxRetries} (default 5),
 * {@code deliveryThreads} (default 20), {@code timeout} and {@code connectiontimeout} (milliseconds,
 * defaults 180000 and 60000), {@code gateway} (comma-separated {@code host[:port]}), {@code gatewayPort}
 * (default 25), {@code gatewayUsername} and {@code gatewayPassword} (SMTP AUTH PLAIN or LOGIN to the
 * gateway, only ever over TLS), {@code loadBalancing} (default true: gateways in random order),
 * {@code bind} (the local IP address outgoing connections come from), {@code heloName}, {@code bounceProcessor} (where undeliverable mail goes, with James's
 * {@code delivery-error}, {@code delivery-error-code} and {@code is-delivery-permanent-error} attributes;
 * without it the sender gets an RFC 3464 report listing each failed recipient with the remote server's
 * answer), {@code onSuccess} (where a copy of delivered mail goes; default nowhere), {@code sendpartial} (only {@code true}: a message is always delivered to the
 * recipients a server accepts), {@code maxAge} (Mailgate's: how long a message may wait before temporary
 * failures are final, default {@code 5 days}), {@code delayWarning} (Mailgate's: after how long the sender
 * is told, once, that delivery is delayed; default never), {@code maxDnsProblemRetries} (after how many
 * failed attempts a temporary DNS problem of a destination is final; default: retried like any temporary
 * failure, where James makes it final at once), {@code debug} (ignored: logging is set in logback.xml). Mailgate adds
 * {@code mxPort} (default 25): the port MX hosts are reached on, for sites behind a port-forwarding
 * relay, and for tests; and {@code maxConnectionsPerDestination} (1 to 10000; default 20, but at most half
 * of {@code deliveryThreads}, rounded up): deliveries under way at once to one destination (a recipient
 * domain, or the gateway), so that a slow destination never holds more than that many of the
 * {@code deliveryThreads} (the limit of deliveries under way overall); mail for a destination at its
 * limit waits a second or so, without it counting as a retry, while the others are delivered.
 *
 * <p>Outbound TLS (read by {@link RemoteDeliveryTls}): {@code startTLS} (default {@code true}, unlike
 * James: STARTTLS whenever offered, any certificate), {@code sslEnable} (TLS from the start; needs
 * {@code gateway}, whose port then defaults to 465), {@code verifyServerIdentity} and
 * {@code sslTrustAllCerts} (James's certificate checks of {@code sslEnable} connections), and Mailgate's
 * {@code tlsPolicy} ({@code domain:none|may|encrypt|verify, ...}), {@code trustStore} and
 * {@code trustStorePassword}.
 */
public final class RemoteDelivery extends GenericMailet {

    private static final Set<String> PARAMETERS = Set.of("outgoingQueue", "delayTime", "maxRetries",
            "deliveryThreads", "timeout", "connectiontimeout", "gateway", "gatewayPort", "heloName",
            "bounceProcessor", "onSuccess", "sendpartial", "debug", "mxPort", "maxAge", "delayWarning",
            "maxDnsProblemRetries", "gatewayUsername", "gatewayPassword", "loadBalancing", "bind", "startTLS",
            "sslEnable", "verifyServerIdentity", "sslTrustAllCerts", "tlsPolicy", "trustStore", "trustStorePassword",
            "maxConnectionsPerDestination");
    /** James parameters of features this version does not have yet: refused rather than ignored. */
    private static final Map<String, String> NOT_YET = Map.ofEntries(
            Map.entry("usePriority", "priorities"));

    private final OutgoingQueues queues;
    private OutgoingQueue queue;
    private DeliverySettings settings;

    @Inject
    public RemoteDelivery(OutgoingQueues queues) {
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        for (String name : NOT_YET.keySet()) {
            if (getInitParameter(name) != null) {
                throw new MessagingException("parameter " + name + " needs " + NOT_YET.get(name)
                        + ", which this version of Mailgate does not offer yet");
            }
        }
        MailetParameters p = MailetParameters.of(getMailetConfig(), PARAMETERS);
        if (p.get("debug").isPresent()) {
            p.bool("debug", false); // checked as James reads it, though logging is set elsewhere
            getMailetContext().log(org.apache.mailet.MailetContext.LogLevel.WARN, "RemoteDelivery: parameter debug "
                    + "is ignored; set the level of logger org.mailgate.delivery in logback.xml instead");
        }
        RetrySchedule retries;
        try {
            retries = RetrySchedule.parse(p.get("delayTime").orElse("5000, 100000, 500000"),
                    (int) p.number("maxRetries", 0, 1000, 5));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter delayTime: " + e.getMessage());
        }
        retries = retries.withLimits(duration(p, "maxAge").orElse(RetrySchedule.DEFAULT_MAX_AGE),
                duration(p, "delayWarning"));
        if (p.get("maxDnsProblemRetries").isPresent()) {
            retries = retries.withDnsProblemRetries((int) p.number("maxDnsProblemRetries", 0, 1000, 0));
        }
        TlsSettings tls = RemoteDeliveryTls.read(p, getMailetContext());
        int gatewayPort = (int) p.number("gatewayPort", 1, 65535, tls.sslEnable() ? 465 : 25);
        List<HostAndPort> gateways = new ArrayList<>();
        for (String entry : p.get("gateway").orElse("").split(",")) {
            if (!entry.isBlank()) {
                try {
                    HostAndPort gateway = HostAndPort.parse(entry, gatewayPort);
                    if (gateway.port() == 0) {
                        throw new IllegalArgumentException("port 0 in '" + entry.trim() + "'");
                    }
                    gateways.add(gateway);
                } catch (IllegalArgumentException e) {
                    throw new MessagingException("parameter gateway: " + e.getMessage());
                }
            }
        }
        if (p.get("gatewayPort").isPresent() && gateways.isEmpty()) {
            throw new MessagingException("parameter gatewayPort is set but gateway is not");
        }
        if (tls.sslEnable() && gateways.isEmpty()) {
            throw new MessagingException("parameter sslEnable needs gateway: delivery to MX hosts with TLS from "
                    + "the start (James tries port 465, then port 25) is not offered; MX hosts get STARTTLS");
        }
        if (!p.bool("sendpartial", true)) {
            throw new MessagingException("sendpartial=false is not offered: Mailgate always delivers to the "
                    + "recipients a server accepts and reports the others");
        }
        Optional<String> heloName = p.get("heloName").filter(s -> !s.isEmpty());
        int deliveryThreads = (int) p.number("deliveryThreads", 1, 10_000, 20);
        settings = new DeliverySettings(p.get("outgoingQueue").orElse("outgoing"), retries, gateways, heloName,
                Duration.ofMillis(p.number("connectiontimeout", 1, 3_600_000, 60_000)),
                Duration.ofMillis(p.number("timeout", 1, 3_600_000, 180_000)),
                p.get("bounceProcessor").map(String::trim).filter(v -> !v.isEmpty()),
                p.get("onSuccess").map(String::trim).filter(v -> !v.isEmpty()),
                deliveryThreads,
                (int) p.number("mxPort", 1, 65535, 25), tls,
                (int) p.number("maxConnectionsPerDestination", 1, 10_000,
                        DeliverySettings.defaultMaxPerDestination(deliveryThreads)),
                gatewayLogin(p, gateways), p.bool("loadBalancing", true), bind(p));
        try {
            queue = queues.declare(settings);
        } catch (IllegalStateException e) {
            throw new MessagingException(e.getMessage());
        }
    }

    /** James's bind: an IP address of this machine that outgoing connections come from. */
    private static Optional<InetAddress> bind(MailetParameters p) throws MessagingException {
        Optional<String> text = p.get("bind").map(String::trim).filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> address = IpLiteral.parse(text.get());
        if (address.isEmpty()) {
            throw new MessagingException("parameter bind: '" + text.get() + "' is not an IP address");
        }
        try {
            if (java.net.NetworkInterface.getByInetAddress(address.get()) == null) {
                throw new MessagingException("parameter bind: " + text.get() + " is not an address of this machine");
            }
        } catch (java.net.SocketException e) {
            throw new MessagingException("parameter bind: cannot check " + text.get() + ": " + e.getMessage());
        }
        return address;
    }

    /** James's gatewayUsername and gatewayPassword: both or neither, and only with a gateway. */
    private static Optional<GatewayCredentials> gatewayLogin(MailetParameters p, List<HostAndPort> gateways)
            throws MessagingException {
        Optional<String> user = p.get("gatewayUsername").map(String::trim).filter(u -> !u.isEmpty());
        Optional<String> password = p.get("gatewayPassword");
        if (user.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new MessagingException("parameters gatewayUsername and gatewayPassword go together; "
                    + (user.isEmpty() ? "gatewayUsername" : "gatewayPassword") + " is missing");
        }
        if (gateways.isEmpty()) {
            throw new MessagingException("parameter gatewayUsername is set but gateway is not");
        }
        return Optional.of(new GatewayCredentials(user.get(), password.get()));
    }

    private static Optional<Duration> duration(MailetParameters p, String name) throws MessagingException {
        Optional<String> text = p.get(name).map(String::trim).filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration value = RetrySchedule.duration(text.get());
            if (value.isZero()) {
                throw new IllegalArgumentException("it must be more than 0");
            }
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("parameter " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getRecipients().isEmpty()) {
            return;
        }
        queue.enqueue(mail);
        mail.setState(Mail.GHOST);
    }

    /** What this mailet declared, for the container's reference check and for tests. */
    public DeliverySettings settings() {
        return settings;
    }

    @Override
    public String getMailetInfo() {
        return "RemoteDelivery Mailet";
    }
}

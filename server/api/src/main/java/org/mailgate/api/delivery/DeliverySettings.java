package org.mailgate.api.delivery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailgate.api.net.HostAndPort;

/**
 * How the mail of one outgoing queue is delivered, as the {@code RemoteDelivery} mailet that feeds the
 * queue was configured.
 *
 * @param queueName         the outgoing queue ({@code outgoingQueue}, default {@code outgoing})
 * @param retries           {@code delayTime}, {@code maxRetries}, {@code maxAge}, {@code delayWarning},
 *                          {@code maxDnsProblemRetries}
 * @param gateways          when not empty, all mail goes to these hosts instead of to MX hosts
 * @param heloName          the name given in EHLO; empty for the server's own name
 * @param connectTimeout    {@code connectiontimeout}
 * @param readTimeout       {@code timeout}: the longest wait for one reply
 * @param failedProcessor   where mail that cannot be delivered goes ({@code bounceProcessor}); empty: the
 *                          sender gets an RFC 3464 report and the mail is done
 * @param successProcessor  where a copy of delivered mail goes ({@code onSuccess}); empty: nowhere
 * @param maxDeliveries     {@code deliveryThreads}: deliveries of this queue under way at once
 * @param mxPort            the port of MX hosts: 25, except behind port-forwarding relays and in tests
 * @param tls               outbound TLS: {@code startTLS}, {@code sslEnable}, {@code tlsPolicy}...
 * @param maxPerDestination {@code maxConnectionsPerDestination}: deliveries under way at once to one
 *                          destination (a recipient domain, or the gateway), so that a slow destination
 *                          holds at most this many of the {@code maxDeliveries}; by default
 *                          {@linkplain #defaultMaxPerDestination(int) 20, at most half of them}
 * @param gatewayLogin      the account gateways are logged in to ({@code gatewayUsername}, {@code gatewayPassword})
 * @param loadBalancing     {@code loadBalancing}: gateways in random order for each delivery (James's default),
 *                          else in the order given, the first as long as it answers
 * @param bind              {@code bind}: the local address outgoing connections come from; empty: any
 */
public record DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                               Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                               Optional<String> failedProcessor, Optional<String> successProcessor,
                               int maxDeliveries, int mxPort, TlsSettings tls, int maxPerDestination,
                               Optional<GatewayCredentials> gatewayLogin, boolean loadBalancing,
                               Optional<InetAddress> bind) {

    /** The most deliveries under way at once to one destination unless {@code maxConnectionsPerDestination} says. */
    public static final int DEFAULT_MAX_PER_DESTINATION = 20;

    /**
     * The default limit per destination for {@code maxDeliveries} deliveries under way overall: 20, but at
     * most half of them (rounded up), so that one slow destination never holds every delivery.
     */
    public static int defaultMaxPerDestination(int maxDeliveries) {
        return Math.max(1, Math.min(DEFAULT_MAX_PER_DESTINATION, (maxDeliveries + 1) / 2));
    }

    /** Settings with the given limit per destination, no gateway login, load balancing, any local address. */
    public DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                            Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                            Optional<String> failedProcessor, Optional<String> successProcessor, int maxDeliveries,
                            int mxPort, TlsSettings tls, int maxPerDestination) {
        this(queueName, retries, gateways, heloName, connectTimeout, readTimeout, failedProcessor, successProcessor,
                maxDeliveries, mxPort, tls, maxPerDestination, Optional.empty(), true, Optional.empty());
    }

    /** As above, with the {@linkplain #defaultMaxPerDestination(int) default limit per destination}. */
    public DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                            Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                            Optional<String> failedProcessor, Optional<String> successProcessor, int maxDeliveries,
                            int mxPort, TlsSettings tls) {
        this(queueName, retries, gateways, heloName, connectTimeout, readTimeout, failedProcessor, successProcessor,
                maxDeliveries, mxPort, tls, defaultMaxPerDestination(maxDeliveries));
    }

    /** As above, with the {@linkplain TlsSettings#DEFAULTS default TLS}: opportunistic STARTTLS. */
    public DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                            Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                            Optional<String> failedProcessor, Optional<String> successProcessor, int maxDeliveries,
                            int mxPort) {
        this(queueName, retries, gateways, heloName, connectTimeout, readTimeout, failedProcessor, successProcessor,
                maxDeliveries, mxPort, TlsSettings.DEFAULTS);
    }

    public DeliverySettings {
        Objects.requireNonNull(queueName);
        Objects.requireNonNull(retries);
        gateways = List.copyOf(gateways);
        Objects.requireNonNull(heloName);
        Objects.requireNonNull(failedProcessor);
        Objects.requireNonNull(successProcessor);
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be positive");
        }
        if (mxPort < 1 || mxPort > 65535) {
            throw new IllegalArgumentException("mxPort out of range: " + mxPort);
        }
        Objects.requireNonNull(tls);
        if (maxPerDestination < 1) {
            throw new IllegalArgumentException("maxPerDestination must be positive");
        }
        Objects.requireNonNull(gatewayLogin);
        Objects.requireNonNull(bind);
        if (gatewayLogin.isPresent() && gateways.isEmpty()) {
            throw new IllegalArgumentException("a gateway login needs a gateway");
        }
    }
}

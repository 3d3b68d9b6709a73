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
 * @param queueName        the outgoing queue ({@code outgoingQueue}, default {@code outgoing})
 * @param retries          {@code delayTime} and {@code maxRetries}
 * @param gateways         when not empty, all mail goes to these hosts in turn instead of to MX hosts
 * @param heloName         the name given in EHLO; empty for the server's own name
 * @param connectTimeout   {@code connectiontimeout}
 * @param readTimeout      {@code timeout}: the longest wait for one reply
 * @param failedProcessor  where mail that cannot be delivered goes ({@code bounceProcessor}); empty: the
 *                         sender gets an RFC 3464 report and the mail is done
 * @param successProcessor where a copy of delivered mail goes ({@code onSuccess}); empty: nowhere
 * @param maxDeliveries    {@code deliveryThreads}: deliveries of this queue under way at once
 * @param mxPort           the port of MX hosts: 25, except behind port-forwarding relays and in tests
 * @param tls              outbound TLS: {@code startTLS}, {@code sslEnable}, {@code tlsPolicy}...
 * @param gatewayLogin     the account gateways are logged in to ({@code gatewayUsername}, {@code gatewayPassword})
 * @param loadBalancing    {@code loadBalancing}: gateways in random order for each delivery (James's default),
 *                         else in the order given, the first as long as it answers
 * @param bind             {@code bind}: the local address outgoing connections come from; empty: any
 */
public record DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                               Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                               Optional<String> failedProcessor, Optional<String> successProcessor,
                               int maxDeliveries, int mxPort, TlsSettings tls,
                               Optional<GatewayCredentials> gatewayLogin, boolean loadBalancing,
                               Optional<InetAddress> bind) {

    /** Settings with gateways load-balanced and connections from any local address. */
    public DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                            Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                            Optional<String> failedProcessor, Optional<String> successProcessor, int maxDeliveries,
                            int mxPort, TlsSettings tls, Optional<GatewayCredentials> gatewayLogin) {
        this(queueName, retries, gateways, heloName, connectTimeout, readTimeout, failedProcessor, successProcessor,
                maxDeliveries, mxPort, tls, gatewayLogin, true, Optional.empty());
    }

    /** Settings without a gateway login. */
    public DeliverySettings(String queueName, RetrySchedule retries, List<HostAndPort> gateways,
                            Optional<String> heloName, Duration connectTimeout, Duration readTimeout,
                            Optional<String> failedProcessor, Optional<String> successProcessor, int maxDeliveries,
                            int mxPort, TlsSettings tls) {
        this(queueName, retries, gateways, heloName, connectTimeout, readTimeout, failedProcessor, successProcessor,
                maxDeliveries, mxPort, tls, Optional.empty());
    }

    /** Settings with the {@linkplain TlsSettings#DEFAULTS default TLS}: opportunistic STARTTLS. */
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
        Objects.requireNonNull(gatewayLogin);
        Objects.requireNonNull(bind);
        if (gatewayLogin.isPresent() && gateways.isEmpty()) {
            throw new IllegalArgumentException("a gateway login needs a gateway");
        }
    }
}

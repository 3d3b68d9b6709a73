package org.mailgate.smtp.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.hook.config.HandlerChain;

/**
 * One {@code <smtpserver>} block of {@code smtpserver.xml}. The listener basics are components of their
 * own; each feature (limits, TLS, sender checks, AUTH) is one record parsed by its own section class.
 *
 * @param name                 {@code jmxName}, or {@code smtpserver-N}; used in logs
 * @param bind                 the addresses to listen on
 * @param helloName            the name in the greeting, EHLO reply and Received header
 * @param greeting             text after the name in the 220 greeting
 * @param connectionTimeout    idle time after which a session is closed
 * @param connectionLimit      sessions at once on this server; 0 for no limit
 * @param connectionLimitPerIp sessions at once from one client address; 0 for no limit
 * @param maxMessageSize       largest message accepted, in bytes; 0 for no limit
 * @param authorizedAddresses  clients that may relay to any domain
 * @param backlog              {@code connectionBacklog}: pending connections the kernel queues
 * @param limits               abuse limits and the PROXY protocol ({@link LimitsConfig})
 * @param tls                  {@code <tls>}: STARTTLS or implicit TLS, and the certificate
 * @param handlerChain         the sender checks of {@code <handlerchain>}, in order
 * @param auth                 SMTP AUTH: {@code <auth>} and {@code <verifyIdentity>}
 */
public record SmtpServerConfig(String name, List<InetSocketAddress> bind, String helloName, String greeting,
                               Duration connectionTimeout, int connectionLimit, int connectionLimitPerIp,
                               long maxMessageSize, NetworkList authorizedAddresses, int backlog,
                               LimitsConfig limits, TlsConfig tls, HandlerChain handlerChain, AuthConfig auth) {

    public SmtpServerConfig {
        bind = List.copyOf(bind);
    }

    /** A configuration for tests and embedding: one address, relaying for {@code authorized}. */
    public static SmtpServerConfig of(InetSocketAddress bind, String helloName, NetworkList authorized) {
        return new SmtpServerConfig("smtpserver", List.of(bind), helloName, "ESMTP Mailgate",
                Duration.ofMinutes(5), 0, 0, 0, authorized, 200, LimitsConfig.DEFAULTS,
                        TlsConfig.disabled(), HandlerChain.core(), AuthConfig.defaults());
    }

    public SmtpServerConfig withMaxMessageSize(long bytes) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, bytes, authorizedAddresses, backlog, limits, tls, handlerChain, auth);
    }

    public SmtpServerConfig withConnectionLimits(int total, int perIp) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, total, perIp,
                maxMessageSize, authorizedAddresses, backlog, limits, tls, handlerChain, auth);
    }

    public SmtpServerConfig withConnectionTimeout(Duration timeout) {
        return new SmtpServerConfig(name, bind, helloName, greeting, timeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, limits, tls, handlerChain,
                auth);
    }

    public SmtpServerConfig withLimits(LimitsConfig value) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, value, tls, handlerChain,
                auth);
    }

    public SmtpServerConfig withTls(TlsConfig value) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, limits, value, handlerChain,
                auth);
    }

    public SmtpServerConfig withHandlerChain(HandlerChain value) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, limits, tls, value, auth);
    }

    public SmtpServerConfig withAuth(AuthConfig value) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, limits, tls, handlerChain,
                value);
    }
}

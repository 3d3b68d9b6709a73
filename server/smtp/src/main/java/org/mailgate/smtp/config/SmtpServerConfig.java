package org.mailgate.smtp.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.mailgate.api.net.NetworkList;

/**
 * One {@code <smtpserver>} block of {@code smtpserver.xml}.
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
 * @param auth                 SMTP AUTH: {@code <auth>} and {@code <verifyIdentity>}
 */
public record SmtpServerConfig(String name, List<InetSocketAddress> bind, String helloName, String greeting,
                               Duration connectionTimeout, int connectionLimit, int connectionLimitPerIp,
                               long maxMessageSize, NetworkList authorizedAddresses, int backlog,
                               AuthConfig auth) {

    public SmtpServerConfig {
        bind = List.copyOf(bind);
    }

    /** A configuration for tests and embedding: one address, relaying for {@code authorized}. */
    public static SmtpServerConfig of(InetSocketAddress bind, String helloName, NetworkList authorized) {
        return new SmtpServerConfig("smtpserver", List.of(bind), helloName, "ESMTP Mailgate",
                Duration.ofMinutes(5), 0, 0, 0, authorized, 200, AuthConfig.defaults());
    }

    public SmtpServerConfig withMaxMessageSize(long bytes) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, bytes, authorizedAddresses, backlog, auth);
    }

    public SmtpServerConfig withConnectionLimits(int total, int perIp) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, total, perIp,
                maxMessageSize, authorizedAddresses, backlog, auth);
    }

    public SmtpServerConfig withConnectionTimeout(Duration timeout) {
        return new SmtpServerConfig(name, bind, helloName, greeting, timeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, auth);
    }

    public SmtpServerConfig withAuth(AuthConfig value) {
        return new SmtpServerConfig(name, bind, helloName, greeting, connectionTimeout, connectionLimit,
                connectionLimitPerIp, maxMessageSize, authorizedAddresses, backlog, value);
    }
}

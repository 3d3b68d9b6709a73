package org.mailgate.smtp.config;

import java.time.Duration;
import org.mailgate.api.net.NetworkList;

/**
 * The abuse limits of one {@code <smtpserver>} and its PROXY protocol settings. Every count of 0 means
 * "no limit". Clients in {@code authorizedAddresses} are exempt from the volume limits (connection rate,
 * messages and recipients per connection and per minute), as Postfix exempts {@code mynetworks}.
 *
 * @param connectionRatePerIp        connections a minute from one client (an IPv6 client counts per /64)
 * @param maxMessagesPerConnection   messages (accepted MAIL commands) in one session
 * @param maxRecipientsPerConnection recipients (accepted RCPT commands) in one session
 * @param messageRatePerIp           messages a minute from one client, across its sessions
 * @param recipientRatePerIp         recipients a minute from one client, across its sessions
 * @param maxErrors                  negative replies the client may cause in one session
 * @param maxSessionTime             how long one session may last, however busy
 * @param greetingDelay              how long the server waits before its greeting, listening for early talkers
 * @param maxHeaderCount             header fields in one message
 * @param maxHeaderSize              bytes of the header section of one message
 * @param proxy                      the PROXY protocol in front of this server
 */
public record LimitsConfig(int connectionRatePerIp, int maxMessagesPerConnection, int maxRecipientsPerConnection,
                           int messageRatePerIp, int recipientRatePerIp, int maxErrors, Duration maxSessionTime,
                           Duration greetingDelay, int maxHeaderCount, long maxHeaderSize, ProxyProtocol proxy) {

    /** The defaults documented in {@code conf/smtpserver.xml}: sane for a company gateway. */
    public static final LimitsConfig DEFAULTS = new LimitsConfig(60, 100, 1000, 300, 1000, 20,
            Duration.ofMinutes(30), Duration.ZERO, 1000, 1024 * 1024, ProxyProtocol.OFF);

    /**
     * The PROXY protocol (HAProxy's v1 text and v2 binary header) sent by a load balancer before SMTP.
     *
     * @param required whether every connection must start with a PROXY header ({@code proxyRequired})
     * @param trusted  the proxies that may send one; a connection from any other address is closed
     * @param timeout  how long the header may take to arrive
     */
    public record ProxyProtocol(boolean required, NetworkList trusted, Duration timeout) {

        public static final ProxyProtocol OFF = new ProxyProtocol(false, NetworkList.none(), Duration.ofSeconds(10));
    }

    public LimitsConfig withConnectionRatePerIp(int perMinute) {
        return new LimitsConfig(perMinute, maxMessagesPerConnection, maxRecipientsPerConnection, messageRatePerIp,
                recipientRatePerIp, maxErrors, maxSessionTime, greetingDelay, maxHeaderCount, maxHeaderSize, proxy);
    }

    public LimitsConfig withPerConnection(int messages, int recipients) {
        return new LimitsConfig(connectionRatePerIp, messages, recipients, messageRatePerIp, recipientRatePerIp,
                maxErrors, maxSessionTime, greetingDelay, maxHeaderCount, maxHeaderSize, proxy);
    }

    public LimitsConfig withRatesPerIp(int messagesPerMinute, int recipientsPerMinute) {
        return new LimitsConfig(connectionRatePerIp, maxMessagesPerConnection, maxRecipientsPerConnection,
                messagesPerMinute, recipientsPerMinute, maxErrors, maxSessionTime, greetingDelay, maxHeaderCount,
                maxHeaderSize, proxy);
    }

    public LimitsConfig withMaxErrors(int errors) {
        return new LimitsConfig(connectionRatePerIp, maxMessagesPerConnection, maxRecipientsPerConnection,
                messageRatePerIp, recipientRatePerIp, errors, maxSessionTime, greetingDelay, maxHeaderCount,
                maxHeaderSize, proxy);
    }

    public LimitsConfig withTimes(Duration sessionTime, Duration delay) {
        return new LimitsConfig(connectionRatePerIp, maxMessagesPerConnection, maxRecipientsPerConnection,
                messageRatePerIp, recipientRatePerIp, maxErrors, sessionTime, delay, maxHeaderCount, maxHeaderSize,
                proxy);
    }

    public LimitsConfig withHeaders(int count, long size) {
        return new LimitsConfig(connectionRatePerIp, maxMessagesPerConnection, maxRecipientsPerConnection,
                messageRatePerIp, recipientRatePerIp, maxErrors, maxSessionTime, greetingDelay, count, size, proxy);
    }

    public LimitsConfig withProxy(ProxyProtocol newProxy) {
        return new LimitsConfig(connectionRatePerIp, maxMessagesPerConnection, maxRecipientsPerConnection,
                messageRatePerIp, recipientRatePerIp, maxErrors, maxSessionTime, greetingDelay, maxHeaderCount,
                maxHeaderSize, newProxy);
    }
}

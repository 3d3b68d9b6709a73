package org.mailgate.smtp.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.net.NetworkList;

/** Reads the limits and PROXY protocol elements of one {@code <smtpserver>} into a {@link LimitsConfig}. */
final class LimitsSection {

    /** The elements this section reads, for the server's element rules. */
    static final Set<String> ELEMENTS = Set.of("connectionRatePerIP", "maxMessagesPerConnection",
            "maxRecipientsPerConnection", "messageRatePerIP", "recipientRatePerIP", "maxErrors", "maxSessionTime",
            "greetingDelay", "maxHeaderCount", "maxHeaderSize", "proxyRequired", "useProxyProtocol", "trustedProxies",
            "proxyTimeout");

    private static final int MANY = 1_000_000;

    private LimitsSection() {
    }

    static LimitsConfig parse(XmlElement server, ConfigReport report) {
        LimitsConfig d = LimitsConfig.DEFAULTS;
        return new LimitsConfig(
                count(server, "connectionRatePerIP", d.connectionRatePerIp(), report),
                count(server, "maxMessagesPerConnection", d.maxMessagesPerConnection(), report),
                count(server, "maxRecipientsPerConnection", d.maxRecipientsPerConnection(), report),
                count(server, "messageRatePerIP", d.messageRatePerIp(), report),
                count(server, "recipientRatePerIP", d.recipientRatePerIp(), report),
                count(server, "maxErrors", d.maxErrors(), report),
                seconds(server, "maxSessionTime", 0, 7 * 86_400, d.maxSessionTime(), report),
                seconds(server, "greetingDelay", 0, 60, d.greetingDelay(), report),
                count(server, "maxHeaderCount", d.maxHeaderCount(), report),
                server.child("maxHeaderSize").map(e -> SmtpServersConfig.size(e, report)).orElse(d.maxHeaderSize()),
                proxy(server, report));
    }

    private static int count(XmlElement server, String name, int defaultValue, ConfigReport report) {
        return server.child(name).map(e -> Values.intValue(e, 0, MANY, defaultValue, report)).orElse(defaultValue);
    }

    private static Duration seconds(XmlElement server, String name, int min, int max, Duration defaultValue,
                                    ConfigReport report) {
        return server.child(name)
                .map(e -> Duration.ofSeconds(Values.intValue(e, min, max, (int) defaultValue.toSeconds(), report)))
                .orElse(defaultValue);
    }

    /**
     * {@code proxyRequired} is James's name; {@code useProxyProtocol} is accepted as its synonym. When on,
     * {@code trustedProxies} must name the load balancers: PROXY headers from anyone else would let a
     * client choose its own address.
     */
    private static LimitsConfig.ProxyProtocol proxy(XmlElement server, ConfigReport report) {
        Optional<XmlElement> required = server.child("proxyRequired");
        Optional<XmlElement> synonym = server.child("useProxyProtocol");
        if (required.isPresent() && synonym.isPresent()) {
            report.error(synonym.get(), "<useProxyProtocol> and <proxyRequired> mean the same: give only "
                    + "<proxyRequired>");
        }
        boolean on = required.or(() -> synonym).map(e -> Values.booleanValue(e, false, report)).orElse(false);
        NetworkList trusted = server.child("trustedProxies").map(e -> SmtpServersConfig.networks(e, report)).orElse(NetworkList.none());
        Duration timeout = seconds(server, "proxyTimeout", 1, 300, LimitsConfig.ProxyProtocol.OFF.timeout(), report);
        if (on && trusted.networks().isEmpty()) {
            report.error(required.or(() -> synonym).orElseThrow(), "the PROXY protocol is on but <trustedProxies> "
                    + "names no proxy: list the addresses of your load balancers, such as 10.0.0.5, 10.0.1.0/24");
        }
        if (!on) {
            server.child("trustedProxies").ifPresent(e -> report.error(e, "<trustedProxies> has no effect unless "
                    + "<proxyRequired> is true: remove it or turn the PROXY protocol on"));
        }
        return new LimitsConfig.ProxyProtocol(on, trusted, timeout);
    }
}

package org.mailgate.smtp.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.net.HostAndPort;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.api.net.NetworkList;
import org.mailgate.smtp.hook.config.HandlerChain;
import org.mailgate.smtp.hook.config.HandlerChainSection;

/** {@code smtpserver.xml} in James's format: one or more {@code <smtpserver>} blocks. */
public record SmtpServersConfig(List<SmtpServerConfig> servers) {

    public static final String FILE = "smtpserver.xml";
    static final int DEFAULT_PORT = 2525;

    private static final ElementRules ROOT = ElementRules.of(Set.of("smtpserver"), Set.of());
    private static final ElementRules SERVER = ElementRules.of(union(Set.of("bind", "helloName", "connectiontimeout",
                    "connectionLimit", "connectionLimitPerIP", "maxmessagesize", "authorizedAddresses", "smtpGreeting",
                    "connectionBacklog", "jmxName", "tls", "auth", "handlerchain", "addressBracketsEnforcement",
                    "heloEhloEnforcement", "verifyIdentity"), LimitsSection.ELEMENTS), Set.of("enabled"))
            .ignoringChild("gracefulShutdown", "Mailgate always lets sessions finish at shutdown")
            .ignoringChild("bossWorkerCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("ioWorkerCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("maxExecutorCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("useEpoll", "Mailgate does not use Netty");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)");

    public SmtpServersConfig {
        servers = List.copyOf(servers);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads {@code confDir/smtpserver.xml}; the file is required. */
    public static SmtpServersConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.read(confDir, FILE, "smtpservers", report)
                .map(root -> parse(root, confDir, report))
                .orElseGet(() -> new SmtpServersConfig(List.of()));
    }

    static SmtpServersConfig parse(XmlElement root, ConfigReport report) {
        return parse(root, Path.of(""), report);
    }

    /** @param confDir what relative file names (of key stores and certificates) are relative to */
    static SmtpServersConfig parse(XmlElement root, Path confDir, ConfigReport report) {
        ROOT.check(root, report);
        List<SmtpServerConfig> servers = new ArrayList<>();
        List<XmlElement> blocks = root.children("smtpserver");
        for (int i = 0; i < blocks.size(); i++) {
            XmlElement block = blocks.get(i);
            if (Values.booleanAttribute(block, "enabled", true, report)) {
                SmtpServerConfig server = server(block, "smtpserver-" + (i + 1), confDir, report);
                if (servers.stream().anyMatch(s -> s.name().equals(server.name()))) {
                    report.error(block.child("jmxName").orElse(block), "jmxName '" + server.name() + "' is the "
                            + "name of another <smtpserver> too: give each its own, as it names the server in the "
                            + "logs and in the metrics' server label");
                }
                servers.add(server);
            }
        }
        if (servers.isEmpty()) {
            report.error(root, "no enabled <smtpserver>: Mailgate would receive no mail");
        }
        return new SmtpServersConfig(servers);
    }

    private static SmtpServerConfig server(XmlElement e, String defaultName, Path confDir, ConfigReport report) {
        SERVER.check(e, report);
        unsupported(e, report);
        String name = e.childText("jmxName").filter(s -> !s.isBlank()).orElse(defaultName);
        List<InetSocketAddress> bind = e.child("bind").map(b -> bind(b, report))
                .orElse(List.of(new InetSocketAddress(DEFAULT_PORT)));
        String helloName = e.child("helloName").map(h -> helloName(h, report)).orElseGet(SmtpServersConfig::hostName);
        String greeting = e.childText("smtpGreeting").filter(s -> !s.isBlank()).orElse("ESMTP Mailgate");
        Duration timeout = Duration.ofSeconds(e.child("connectiontimeout")
                .map(t -> Values.intValue(t, 1, 86_400, 360, report)).orElse(360));
        int limit = e.child("connectionLimit").map(t -> Values.intValue(t, 0, 1_000_000, 0, report)).orElse(0);
        int perIp = e.child("connectionLimitPerIP").map(t -> Values.intValue(t, 0, 1_000_000, 0, report)).orElse(0);
        long maxSize = e.child("maxmessagesize").map(t -> size(t, report)).orElse(0L);
        NetworkList authorized = e.child("authorizedAddresses").map(t -> networks(t, report))
                .orElse(NetworkList.parse("127.0.0.0/8, ::1/128"));
        int backlog = e.child("connectionBacklog").map(t -> Values.intValue(t, 1, 65_535, 200, report)).orElse(200);
        TlsConfig tls = TlsSection.parse(e.child("tls"), confDir, report);
        HandlerChain chain = e.child("handlerchain").map(c -> HandlerChainSection.parse(c, report))
                .orElse(HandlerChain.core());
        return new SmtpServerConfig(name, bind, helloName, greeting, timeout, limit, perIp, maxSize, authorized,
                backlog, LimitsSection.parse(e, report), tls, chain, AuthSection.parse(e, report));
    }

    /** James settings whose "off" value Mailgate does not offer: accepted only with the value meaning "on". */
    private static void unsupported(XmlElement e, ConfigReport report) {
        e.child("addressBracketsEnforcement").filter(a -> !Values.booleanValue(a, true, report)).ifPresent(a ->
                report.error(a, "Mailgate always requires <> around addresses: set it to true or remove it"));
        e.child("heloEhloEnforcement").filter(a -> !Values.booleanValue(a, true, report)).ifPresent(a ->
                report.error(a, "Mailgate always requires HELO or EHLO before MAIL: set it to true or remove it"));
    }

    private static List<InetSocketAddress> bind(XmlElement e, ConfigReport report) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : e.text().split("\\s*,\\s*")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                HostAndPort hp = HostAndPort.parse(entry, DEFAULT_PORT);
                Optional<InetAddress> address = IpLiteral.parse(hp.host());
                if (address.isEmpty()) {
                    report.error(e, "<bind> '" + entry + "': give an IP address, such as 0.0.0.0:25 or [::]:25");
                } else {
                    addresses.add(new InetSocketAddress(address.get(), hp.port()));
                }
            } catch (IllegalArgumentException ex) {
                report.error(e, "<bind> '" + entry + "': " + ex.getMessage());
            }
        }
        for (InetSocketAddress address : addresses) {
            boolean anyV4 = address.getAddress().isAnyLocalAddress() && address.getAddress().getAddress().length == 4;
            if (anyV4 && addresses.stream().anyMatch(other -> other.getPort() == address.getPort()
                    && other.getAddress().isAnyLocalAddress() && other.getAddress().getAddress().length == 16)) {
                report.error(e, "<bind> lists 0.0.0.0:" + address.getPort() + " and [::]:" + address.getPort()
                        + ": [::] already takes IPv4 connections too; keep [::]:" + address.getPort()
                        + " for IPv4 and IPv6, or 0.0.0.0:" + address.getPort() + " for IPv4 only");
            }
        }
        if (addresses.isEmpty() && !report.hasErrors()) {
            report.error(e, "<bind> names no address");
        }
        return addresses;
    }

    private static String helloName(XmlElement e, ConfigReport report) {
        if (Values.booleanAttribute(e, "autodetect", false, report) || e.text().isBlank()) {
            return hostName();
        }
        String name = e.text().trim();
        if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            report.error(e, "<helloName> '" + name + "' is not a host name");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** James's size: kilobytes, or a number with K, M or G. */
    static long size(XmlElement e, ConfigReport report) {
        Matcher m = SIZE.matcher(e.text().trim());
        if (!m.matches()) {
            report.error(e, "<" + e.name() + "> must be kilobytes (e.g. 51200) or a size such as 50M, not '"
                    + e.text() + "'");
            return 0;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "k" -> amount * 1024;
            case "m" -> amount * 1024 * 1024;
            default -> amount * 1024 * 1024 * 1024;
        };
    }

    static NetworkList networks(XmlElement e, ConfigReport report) {
        try {
            return NetworkList.parse(e.text());
        } catch (IllegalArgumentException ex) {
            report.error(e, "<" + e.name() + ">: " + ex.getMessage());
            return NetworkList.none();
        }
    }
}

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

/** {@code smtpserver.xml} in James's format: one or more {@code <smtpserver>} blocks. */
public record SmtpServersConfig(List<SmtpServerConfig> servers) {

    public static final String FILE = "smtpserver.xml";
    static final int DEFAULT_PORT = 2525;

    private static final ElementRules ROOT = ElementRules.of(Set.of("smtpserver"), Set.of());
    private static final ElementRules SERVER = ElementRules.of(Set.of("bind", "helloName", "connectiontimeout",
                    "connectionLimit", "connectionLimitPerIP", "maxmessagesize", "authorizedAddresses", "smtpGreeting",
                    "connectionBacklog", "jmxName", "tls", "auth", "handlerchain", "addressBracketsEnforcement",
                    "heloEhloEnforcement", "verifyIdentity", "useProxyProtocol"), Set.of("enabled"))
            .ignoringChild("gracefulShutdown", "Mailgate always lets sessions finish at shutdown")
            .ignoringChild("bossWorkerCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("ioWorkerCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("maxExecutorCount", "Mailgate runs one virtual thread per connection")
            .ignoringChild("useEpoll", "Mailgate does not use Netty");
    private static final ElementRules TLS = ElementRules.of(Set.of(), Set.of("socketTLS", "startTLS"));
    private static final ElementRules HANDLERCHAIN = ElementRules.of(Set.of("handler"), Set.of("enableJmx"));
    private static final Set<String> CORE_HANDLERS = Set.of("org.apache.james.smtpserver.CoreCmdHandlerLoader");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgG]?)");

    public SmtpServersConfig {
        servers = List.copyOf(servers);
    }

    /** Reads {@code confDir/smtpserver.xml}; the file is required. */
    public static SmtpServersConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.read(confDir, FILE, "smtpservers", report)
                .map(root -> parse(root, report))
                .orElseGet(() -> new SmtpServersConfig(List.of()));
    }

    static SmtpServersConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        List<SmtpServerConfig> servers = new ArrayList<>();
        List<XmlElement> blocks = root.children("smtpserver");
        for (int i = 0; i < blocks.size(); i++) {
            XmlElement block = blocks.get(i);
            if (Values.booleanAttribute(block, "enabled", true, report)) {
                servers.add(server(block, "smtpserver-" + (i + 1), report));
            }
        }
        if (servers.isEmpty()) {
            report.error(root, "no enabled <smtpserver>: Mailgate would receive no mail");
        }
        return new SmtpServersConfig(servers);
    }

    private static SmtpServerConfig server(XmlElement e, String defaultName, ConfigReport report) {
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
        long maxSize = e.child("maxmessagesize").map(t -> messageSize(t, report)).orElse(0L);
        NetworkList authorized = e.child("authorizedAddresses").map(t -> networks(t, report))
                .orElse(NetworkList.parse("127.0.0.0/8, ::1/128"));
        int backlog = e.child("connectionBacklog").map(t -> Values.intValue(t, 1, 65_535, 200, report)).orElse(200);
        return new SmtpServerConfig(name, bind, helloName, greeting, timeout, limit, perIp, maxSize, authorized,
                backlog, AuthSection.parse(e, report));
    }

    /** James settings for features that come later: accepted only with the value meaning "off". */
    private static void unsupported(XmlElement e, ConfigReport report) {
        e.child("tls").ifPresent(tls -> {
            TLS.check(tls, report);
            if (Values.booleanAttribute(tls, "socketTLS", false, report)
                    || Values.booleanAttribute(tls, "startTLS", false, report)) {
                report.error(tls, "TLS is not available in this version of Mailgate: set socketTLS and startTLS "
                        + "to false, or remove <tls>");
            }
        });
        e.child("handlerchain").ifPresent(chain -> {
            HANDLERCHAIN.check(chain, report);
            for (XmlElement handler : chain.children("handler")) {
                String cls = handler.attribute("class").orElse("");
                if (!CORE_HANDLERS.contains(cls)) {
                    report.error(handler, "handler '" + cls + "' is not available in this version of Mailgate; "
                            + "allowed: " + String.join(", ", CORE_HANDLERS));
                }
            }
        });
        e.child("addressBracketsEnforcement").filter(a -> !Values.booleanValue(a, true, report)).ifPresent(a ->
                report.error(a, "Mailgate always requires <> around addresses: set it to true or remove it"));
        e.child("heloEhloEnforcement").filter(a -> !Values.booleanValue(a, true, report)).ifPresent(a ->
                report.error(a, "Mailgate always requires HELO or EHLO before MAIL: set it to true or remove it"));
        e.child("useProxyProtocol").filter(a -> Values.booleanValue(a, false, report)).ifPresent(a ->
                report.error(a, "the PROXY protocol is not available in this version of Mailgate"));
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
    private static long messageSize(XmlElement e, ConfigReport report) {
        Matcher m = SIZE.matcher(e.text().trim());
        if (!m.matches()) {
            report.error(e, "<maxmessagesize> must be kilobytes (e.g. 51200) or a size such as 50M, not '"
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

    private static NetworkList networks(XmlElement e, ConfigReport report) {
        try {
            return NetworkList.parse(e.text());
        } catch (IllegalArgumentException ex) {
            report.error(e, "<authorizedAddresses>: " + ex.getMessage());
            return NetworkList.none();
        }
    }
}

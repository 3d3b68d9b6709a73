package org.mailgate.smtp.hook.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;
import org.mailgate.api.net.NetworkList;

/**
 * Parses {@code <handlerchain>}: each {@code <handler class="...">} names a check by Mailgate's short name
 * or by the class name James uses for it, with its parameters as child elements.
 */
public final class HandlerChainSection {

    private static final ElementRules CHAIN = ElementRules.of(Set.of("handler"), Set.of())
            .ignoringAttribute("enableJmx", "Mailgate has no JMX; see /metrics of the admin API")
            .ignoringAttribute("coreHandlersPackage", "Mailgate's core SMTP commands are built in");
    private static final ElementRules NO_PARAMETERS = ElementRules.of(Set.of(), Set.of("class"));
    private static final ElementRules DNSBL = ElementRules.of(Set.of("rblservers", "getDetail", "allowedNetworks"),
            Set.of("class"));
    private static final ElementRules RBLSERVERS = ElementRules.of(Set.of("blacklist", "whitelist"), Set.of());
    private static final ElementRules BLACKLIST = ElementRules.of(Set.of(), Set.of("reply"));
    private static final ElementRules SPF = ElementRules.of(Set.of("blockSoftFail", "blockPermError"), Set.of("class"));
    private static final ElementRules VALID_RCPT = ElementRules.of(Set.of("enableRecipientRewriteTable"),
            Set.of("class"));

    private static final String CORE = "CoreCmdHandlerLoader";
    private static final String JAMES = "org.apache.james.smtpserver.";
    private static final String JAMES_PROTOCOLS = "org.apache.james.protocols.smtp.core.fastfail.";
    /** Every accepted class name, to the short name it stands for. */
    private static final Map<String, String> NAMES = names();

    private HandlerChainSection() {
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(CORE, CORE);
        names.put(JAMES + CORE, CORE);
        for (String own : List.of("Dnsbl", "HeloSyntax", "ResolvableHelo", "ReverseEqualsHelo",
                "ForwardConfirmedReverseDns", "ValidSenderDomain", "Spf", "ValidRcpt")) {
            names.put(own, own);
        }
        Map<String, String> james = Map.of("DNSRBLHandler", "Dnsbl", "ResolvableEhloHeloHandler", "ResolvableHelo",
                "ReverseEqualsEhloHeloHandler", "ReverseEqualsHelo", "ValidSenderDomainHandler", "ValidSenderDomain",
                "SPFHandler", "Spf", "ValidRcptHandler", "ValidRcpt");
        james.forEach((jamesName, own) -> {
            names.put(jamesName, own);
            names.put(JAMES + "fastfail." + jamesName, own);
            if (!jamesName.equals("SPFHandler") && !jamesName.equals("ValidRcptHandler")) {
                names.put(JAMES_PROTOCOLS + jamesName, own);
            }
        });
        return Map.copyOf(names);
    }

    /** The checks of {@code chain}, in order; every problem is reported with its file and line. */
    public static HandlerChain parse(XmlElement chain, ConfigReport report) {
        CHAIN.check(chain, report);
        List<CheckSpec> checks = new ArrayList<>();
        for (XmlElement handler : chain.children("handler")) {
            String cls = handler.attribute("class").orElse("").trim();
            String name = NAMES.get(cls);
            if (name == null) {
                report.error(handler, "handler '" + cls + "' is not available in Mailgate; allowed: "
                        + String.join(", ", new TreeSet<>(NAMES.keySet())));
                continue;
            }
            check(name, handler, report).ifPresent(checks::add);
        }
        return new HandlerChain(checks);
    }

    private static Optional<CheckSpec> check(String name, XmlElement handler, ConfigReport report) {
        return switch (name) {
            case "Dnsbl" -> Optional.of(dnsbl(handler, report));
            case "Spf" -> {
                SPF.check(handler, report);
                yield Optional.of(new CheckSpec.Spf(flag(handler, "blockSoftFail", false, report),
                        flag(handler, "blockPermError", true, report)));
            }
            case "ValidRcpt" -> {
                VALID_RCPT.check(handler, report);
                yield Optional.of(new CheckSpec.ValidRcpt(flag(handler, "enableRecipientRewriteTable", true, report)));
            }
            default -> {
                NO_PARAMETERS.check(handler, report);
                yield switch (name) {
                    case "HeloSyntax" -> Optional.of(new CheckSpec.HeloSyntax());
                    case "ResolvableHelo" -> Optional.of(new CheckSpec.ResolvableHelo());
                    case "ReverseEqualsHelo" -> Optional.of(new CheckSpec.ReverseEqualsHelo());
                    case "ForwardConfirmedReverseDns" -> Optional.of(new CheckSpec.ForwardConfirmedReverseDns());
                    case "ValidSenderDomain" -> Optional.of(new CheckSpec.ValidSenderDomain());
                    default -> Optional.empty(); // the core commands: always there
                };
            }
        };
    }

    private static boolean flag(XmlElement handler, String name, boolean defaultValue, ConfigReport report) {
        return handler.child(name).map(e -> Values.booleanValue(e, defaultValue, report)).orElse(defaultValue);
    }

    private static CheckSpec.Dnsbl dnsbl(XmlElement handler, ConfigReport report) {
        DNSBL.check(handler, report);
        List<CheckSpec.BlockList> blocklists = new ArrayList<>();
        List<String> allowlists = new ArrayList<>();
        handler.child("rblservers").ifPresent(servers -> {
            RBLSERVERS.check(servers, report);
            for (XmlElement list : servers.children("blacklist")) {
                BLACKLIST.check(list, report);
                Optional<String> reply = list.attribute("reply").map(String::trim).filter(r -> !r.isEmpty());
                zones(list, report).forEach(zone -> blocklists.add(new CheckSpec.BlockList(zone, reply)));
            }
            for (XmlElement list : servers.children("whitelist")) {
                ElementRules.of(Set.of(), Set.of()).check(list, report);
                allowlists.addAll(zones(list, report));
            }
        });
        boolean anyBlacklist = handler.child("rblservers").map(r -> !r.children("blacklist").isEmpty()).orElse(false);
        if (!anyBlacklist) {
            report.error(handler, "DNSRBLHandler needs at least one <blacklist> zone in <rblservers>");
        }
        NetworkList allowed = handler.child("allowedNetworks").map(e -> {
            try {
                return NetworkList.parse(e.text());
            } catch (IllegalArgumentException ex) {
                report.error(e, "<allowedNetworks>: " + ex.getMessage());
                return NetworkList.none();
            }
        }).orElse(NetworkList.none());
        return new CheckSpec.Dnsbl(blocklists, allowlists, allowed,
                flag(handler, "getDetail", false, report));
    }

    /** Zone names, comma-separated as James allows. */
    private static List<String> zones(XmlElement list, ConfigReport report) {
        List<String> zones = new ArrayList<>();
        for (String zone : list.text().split("\\s*,\\s*")) {
            String name = zone.trim();
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9])?") || !name.contains(".")) {
                report.error(list, "<" + list.name() + "> '" + zone + "' is not a DNS zone name");
                continue;
            }
            zones.add(name);
        }
        if (list.text().isBlank()) {
            report.error(list, "<" + list.name() + "> names no zone");
        }
        return zones;
    }
}

package org.mailgate.spool.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.core.Domain;
import org.mailgate.api.config.ConfigFiles;
import org.mailgate.api.config.ConfigReport;
import org.mailgate.api.config.ElementRules;
import org.mailgate.api.config.Values;
import org.mailgate.api.config.XmlElement;

/**
 * {@code domainlist.xml} in James's format: the domains mail is accepted for from anyone.
 *
 * @param domains       the local domains
 * @param defaultDomain the domain of bare user names such as {@code postmaster}
 * @param origins       where the file names each domain it lists ({@code file:line})
 */
public record DomainListConfig(Set<Domain> domains, Domain defaultDomain, Map<Domain, String> origins) {

    public static final String FILE = "domainlist.xml";

    private static final ElementRules ROOT = ElementRules.of(
                    Set.of("domainnames", "autodetect", "autodetectIP", "defaultDomain"), Set.of())
            .ignoringAttribute("class", "Mailgate has one domain list, kept with its store");
    private static final ElementRules NAMES = ElementRules.of(Set.of("domainname"), Set.of());

    public DomainListConfig {
        domains = Collections.unmodifiableSet(new LinkedHashSet<>(domains));
        origins = Map.copyOf(origins);
    }

    /** Domains not read from a file. */
    public DomainListConfig(Set<Domain> domains, Domain defaultDomain) {
        this(domains, defaultDomain, Map.of());
    }

    /** Reads {@code confDir/domainlist.xml}; without the file, the only local domain is {@code localhost}. */
    public static DomainListConfig read(Path confDir, ConfigReport report) {
        return ConfigFiles.readIfPresent(confDir, FILE, "domainlist", report)
                .map(root -> parse(root, report))
                .orElseGet(() -> new DomainListConfig(Set.of(Domain.LOCALHOST), Domain.LOCALHOST));
    }

    static DomainListConfig parse(XmlElement root, ConfigReport report) {
        ROOT.check(root, report);
        Set<Domain> domains = new LinkedHashSet<>();
        Map<Domain, String> origins = new HashMap<>();
        for (XmlElement names : root.children("domainnames")) {
            NAMES.check(names, report);
            for (XmlElement name : names.children("domainname")) {
                domain(name, report).ifPresent(domain -> {
                    domains.add(domain);
                    origins.putIfAbsent(domain, name.location());
                });
            }
        }
        root.child("autodetect").filter(e -> Values.booleanValue(e, false, report)).ifPresent(autodetect ->
                localHostName(root, report).ifPresent(domain -> {
                    domains.add(domain);
                    origins.putIfAbsent(domain, autodetect.location());
                }));
        root.child("autodetectIP").filter(e -> Values.booleanValue(e, false, report)).ifPresent(e ->
                report.error(e, "<autodetectIP>true</autodetectIP> is not supported: list address literals such "
                        + "as [192.0.2.1] in <domainnames> if mail to them must be accepted"));
        Domain defaultDomain = root.child("defaultDomain").flatMap(e -> domain(e, report))
                .orElse(domains.isEmpty() ? Domain.LOCALHOST : domains.iterator().next());
        if (domains.isEmpty()) {
            report.warning(root, "no <domainname> given: no domain is local, every recipient needs relaying rights");
        }
        return new DomainListConfig(domains, defaultDomain, origins);
    }

    private static java.util.Optional<Domain> domain(XmlElement e, ConfigReport report) {
        String text = e.text().trim().toLowerCase(Locale.ROOT);
        try {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return java.util.Optional.of(Domain.of(text));
        } catch (IllegalArgumentException ex) {
            report.error(e, "<" + e.name() + "> '" + e.text() + "' is not a domain name: " + ex.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<Domain> localHostName(XmlElement root, ConfigReport report) {
        try {
            return java.util.Optional.of(Domain.of(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT)));
        } catch (UnknownHostException | IllegalArgumentException e) {
            report.warning(root, "<autodetect>: the host name cannot be found (" + e.getMessage() + ")");
            return java.util.Optional.empty();
        }
    }
}

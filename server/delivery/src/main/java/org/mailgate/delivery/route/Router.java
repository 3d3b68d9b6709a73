package org.mailgate.delivery.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.Domain;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.api.net.HostAndPort;

/**
 * Where mail for a domain goes: the configured gateways (in random order with {@code loadBalancing}, else
 * in the order given), or the domain's MX hosts by preference (the
 * resolver shuffles equal preferences), each with all its addresses; without MX records, the domain
 * itself (RFC 5321 5.1).
 */
public final class Router {

    private final DnsResolver dns;

    public Router(DnsResolver dns) {
        this.dns = dns;
    }

    public List<Target> targets(Domain domain, DeliverySettings settings) throws RouteException {
        if (!settings.gateways().isEmpty()) {
            List<HostAndPort> gateways = settings.gateways();
            if (settings.loadBalancing() && gateways.size() > 1) {
                gateways = new ArrayList<>(gateways);
                java.util.Collections.shuffle(gateways);
            }
            return gatewayTargets(gateways);
        }
        List<MxRecord> records;
        try {
            records = dns.mx(domain);
        } catch (DnsException e) {
            throw new RouteException(e.isPermanent(), e.isPermanent()
                    ? "domain " + domain.asString() + " does not exist"
                    : e.getMessage());
        }
        if (records.stream().anyMatch(MxRecord::isNullMx)) {
            throw new RouteException(true, "domain " + domain.asString() + " accepts no mail (null MX)");
        }
        boolean implicit = records.isEmpty();
        List<String> hosts = implicit ? List.of(domain.asString()) : records.stream().map(MxRecord::host).toList();
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean allMissing = true;
        for (String host : hosts) {
            try {
                List<InetAddress> addresses = dns.addresses(host);
                for (InetAddress address : addresses) {
                    targets.add(new Target(host, new InetSocketAddress(address, settings.mxPort())));
                }
                if (!addresses.isEmpty()) {
                    allMissing = false;
                }
            } catch (DnsException e) {
                if (!e.isPermanent()) {
                    allMissing = false;
                }
                problems.add(host + ": " + e.getMessage());
            }
        }
        if (targets.isEmpty()) {
            boolean permanent = implicit && allMissing;
            throw new RouteException(permanent, (implicit ? "domain " + domain.asString() + " has no MX and no address"
                    : "no address for the MX hosts of " + domain.asString())
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
        }
        return targets;
    }

    private List<Target> gatewayTargets(List<HostAndPort> gateways) throws RouteException {
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (HostAndPort gateway : gateways) {
            try {
                for (InetAddress address : dns.addresses(gateway.host())) {
                    targets.add(new Target(gateway.host(), new InetSocketAddress(address, gateway.port())));
                }
            } catch (DnsException e) {
                problems.add(gateway.host() + ": " + e.getMessage());
            }
        }
        if (targets.isEmpty()) {
            throw new RouteException(false, "no address for gateway " + gateways
                    + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
        }
        return targets;
    }
}

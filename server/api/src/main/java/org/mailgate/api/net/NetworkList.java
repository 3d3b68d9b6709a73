package org.mailgate.api.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A list of networks, as in James's {@code authorizedAddresses} or a matcher condition. */
public record NetworkList(List<InetNetwork> networks) {

    public NetworkList {
        networks = List.copyOf(networks);
    }

    public static NetworkList none() {
        return new NetworkList(List.of());
    }

    /**
     * Parses a comma- or space-separated list.
     *
     * @throws IllegalArgumentException naming every entry that is not an address or network
     */
    public static NetworkList parse(String text) {
        List<InetNetwork> parsed = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String entry : text.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            InetNetwork.parse(entry).ifPresentOrElse(parsed::add, () -> bad.add(entry));
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("not an IP address or network: " + String.join(", ", bad)
                    + " (use forms like 10.0.0.0/8, 10.0.0.0/255.0.0.0, 192.168.*, 2001:db8::/32)");
        }
        return new NetworkList(parsed);
    }

    public boolean contains(InetAddress address) {
        for (InetNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}

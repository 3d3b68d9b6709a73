package org.mailgate.smtp.proxy;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a PROXY protocol header said.
 *
 * @param version 1 (text) or 2 (binary)
 * @param client  the real client; empty when the proxy speaks for itself (v1 {@code UNKNOWN}, v2
 *                {@code LOCAL} or an address family other than IPv4 and IPv6), and the socket's peer
 *                address applies
 */
public record ProxyHeader(int version, Optional<InetSocketAddress> client) {

    /** The real client, or {@code socketPeer} when the header names none. */
    public InetSocketAddress clientOr(InetSocketAddress socketPeer) {
        return client.orElse(socketPeer);
    }
}

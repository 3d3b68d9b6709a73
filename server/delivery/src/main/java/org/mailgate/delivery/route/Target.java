package org.mailgate.delivery.route;

import java.net.InetSocketAddress;

/** One address to try: the host name it came from, and its IP address and port. */
public record Target(String host, InetSocketAddress address) {

    /** {@code mx.example.com[192.0.2.1]:25}, as Postfix names relays. */
    public String describe() {
        return host + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
    }
}

package org.mailgate.smtp.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What the per-client limits count by: an IPv4 address, or the /64 network of an IPv6 address (one
 * IPv6 host usually has a whole /64 to itself and could otherwise hop between addresses at will).
 */
public record ClientKey(InetAddress network) {

    public static ClientKey of(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] bytes = Arrays.copyOf(client.getAddress(), 16);
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return new ClientKey(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ClientKey(client);
    }
}

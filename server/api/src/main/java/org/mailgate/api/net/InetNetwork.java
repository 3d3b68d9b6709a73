package org.mailgate.api.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A network given as James writes them: {@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0},
 * {@code 192.168.*}, a single address, or an IPv6 prefix such as {@code 2001:db8::/32}.
 */
public record InetNetwork(InetAddress network, int prefixLength) {

    public InetNetwork {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
        network = mask(network, prefixLength);
    }

    /** Parses one network; empty when {@code text} is not one of the accepted forms. */
    public static Optional<InetNetwork> parse(String text) {
        String s = text.trim();
        if (s.endsWith("*")) {
            return wildcard(s);
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return IpLiteral.parse(s).map(a -> new InetNetwork(a, a.getAddress().length * 8));
        }
        Optional<InetAddress> address = IpLiteral.parse(s.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String suffix = s.substring(slash + 1);
        int bits = address.get().getAddress().length * 8;
        if (suffix.matches("\\d{1,3}")) {
            int prefix = Integer.parseInt(suffix);
            return prefix <= bits ? Optional.of(new InetNetwork(address.get(), prefix)) : Optional.empty();
        }
        return IpLiteral.parse(suffix)
                .filter(mask -> mask.getAddress().length == address.get().getAddress().length)
                .flatMap(InetNetwork::prefixOfMask)
                .map(prefix -> new InetNetwork(address.get(), prefix));
    }

    private static Optional<InetNetwork> wildcard(String s) {
        String[] octets = s.split("\\.");
        int fixed = 0;
        StringBuilder address = new StringBuilder();
        for (String octet : octets) {
            if (octet.equals("*")) {
                break;
            }
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
            address.append(octet).append('.');
            fixed++;
        }
        if (fixed == 0 || fixed > 3) {
            return Optional.empty();
        }
        for (int i = fixed; i < 4; i++) {
            address.append("0.");
        }
        address.setLength(address.length() - 1);
        int prefix = fixed * 8;
        return IpLiteral.parse(address.toString()).map(a -> new InetNetwork(a, prefix));
    }

    private static Optional<Integer> prefixOfMask(InetAddress mask) {
        BigInteger bits = new BigInteger(1, mask.getAddress());
        int length = mask.getAddress().length * 8;
        int prefix = bits.bitCount();
        BigInteger expected = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(length - prefix);
        return bits.equals(expected) ? Optional.of(prefix) : Optional.empty();
    }

    public boolean contains(InetAddress address) {
        InetAddress candidate = unmapped(address);
        if (candidate.getAddress().length != network.getAddress().length) {
            return false;
        }
        return mask(candidate, prefixLength).equals(network);
    }

    /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}

package org.mailgate.smtp.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.mailgate.api.net.IpLiteral;

/**
 * Reads the PROXY protocol header (HAProxy's specification, version 1 text and version 2 binary) that
 * a load balancer sends before anything else on the connection. It reads exactly the header's bytes, so
 * whatever the client sent next is still unread on the socket; and the whole header must arrive within
 * the timeout, however slowly it trickles.
 */
public final class ProxyHeaderReader {

    /** The v2 signature: CR LF CR LF NUL CR LF "QUIT" LF. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** The longest v1 line the specification allows, CRLF included. */
    static final int V1_MAX = 107;
    /** TLVs after the addresses are skipped; more than this is not a header a proxy would send. */
    static final int V2_MAX_LENGTH = 4096;

    private ProxyHeaderReader() {
    }

    /**
     * Reads the header from {@code socket}.
     *
     * @throws ProxyProtocolException    when the first bytes are no valid PROXY header
     * @throws SocketTimeoutException    when the header did not arrive within {@code timeout}
     * @throws IOException               when the connection fails or closes first
     */
    public static ProxyHeader read(Socket socket, Duration timeout) throws IOException {
        Reader reader = new Reader(socket, System.nanoTime() + timeout.toNanos());
        byte[] start = reader.bytes(6);
        if (Arrays.equals(start, V1_PREFIX)) {
            return v1(reader);
        }
        if (Arrays.equals(start, 0, 6, V2_SIGNATURE, 0, 6)) {
            return v2(reader);
        }
        throw new ProxyProtocolException("no PROXY header: the connection starts with " + printable(start));
    }

    private static ProxyHeader v1(Reader reader) throws IOException {
        StringBuilder line = new StringBuilder(V1_MAX);
        while (true) {
            int b = reader.bytes(1)[0] & 0xff;
            if (b == '\n') {
                break;
            }
            if (line.length() + V1_PREFIX.length + 1 >= V1_MAX) {
                throw new ProxyProtocolException("PROXY v1 line longer than " + V1_MAX + " bytes");
            }
            line.append((char) b);
        }
        if (line.isEmpty() || line.charAt(line.length() - 1) != '\r') {
            throw new ProxyProtocolException("PROXY v1 line does not end with CRLF");
        }
        String text = line.substring(0, line.length() - 1);
        if (text.equals("UNKNOWN") || text.startsWith("UNKNOWN ")) {
            return new ProxyHeader(1, Optional.empty());
        }
        String[] parts = text.split(" ", -1);
        if (parts.length != 5 || !(parts[0].equals("TCP4") || parts[0].equals("TCP6"))) {
            throw new ProxyProtocolException("malformed PROXY v1 line: " + printable(text));
        }
        boolean v6 = parts[0].equals("TCP6");
        InetAddress source = v1Address(parts[1], v6, text);
        v1Address(parts[2], v6, text);
        int sourcePort = v1Port(parts[3], text);
        v1Port(parts[4], text);
        return new ProxyHeader(1, Optional.of(new InetSocketAddress(source, sourcePort)));
    }

    private static InetAddress v1Address(String text, boolean v6, String line) throws ProxyProtocolException {
        Optional<InetAddress> address = text.startsWith("[") ? Optional.empty() : IpLiteral.parse(text);
        if (address.isEmpty() || (address.get() instanceof Inet6Address) != v6 || text.contains("%")) {
            throw new ProxyProtocolException("malformed PROXY v1 address '" + printable(text) + "' in: "
                    + printable(line));
        }
        return address.get();
    }

    private static int v1Port(String text, String line) throws ProxyProtocolException {
        if (!text.matches("0|[1-9]\\d{0,4}") || Integer.parseInt(text) > 65_535) {
            throw new ProxyProtocolException("malformed PROXY v1 port '" + printable(text) + "' in: "
                    + printable(line));
        }
        return Integer.parseInt(text);
    }

    private static ProxyHeader v2(Reader reader) throws IOException {
        byte[] rest = reader.bytes(10);
        if (!Arrays.equals(rest, 0, 6, V2_SIGNATURE, 6, 12)) {
            throw new ProxyProtocolException("malformed PROXY v2 signature");
        }
        int versionCommand = rest[6] & 0xff;
        int family = rest[7] & 0xff;
        int length = ((rest[8] & 0xff) << 8) | (rest[9] & 0xff);
        if (versionCommand >> 4 != 2) {
            throw new ProxyProtocolException("PROXY v2 header with version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0f;
        if (command > 1) {
            throw new ProxyProtocolException("PROXY v2 header with unknown command " + command);
        }
        if (length > V2_MAX_LENGTH) {
            throw new ProxyProtocolException("PROXY v2 header of " + length + " bytes (at most " + V2_MAX_LENGTH
                    + " accepted)");
        }
        byte[] body = reader.bytes(length);
        if (command == 0) {
            return new ProxyHeader(2, Optional.empty()); // LOCAL: the proxy's own connection, e.g. a health check
        }
        int transport = family & 0x0f;
        int addressFamily = family >> 4;
        if (addressFamily != 0 && transport != 1) {
            throw new ProxyProtocolException("PROXY v2 header for a transport other than TCP (" + transport + ")");
        }
        return switch (addressFamily) {
            case 1 -> new ProxyHeader(2, Optional.of(v2Address(body, 4)));
            case 2 -> new ProxyHeader(2, Optional.of(v2Address(body, 16)));
            case 0, 3 -> new ProxyHeader(2, Optional.empty()); // unspecified or a UNIX socket: no IP to use
            default -> throw new ProxyProtocolException("PROXY v2 header with unknown address family "
                    + addressFamily);
        };
    }

    /** The source address and port of an IPv4 or IPv6 block: source, destination, source port, destination port. */
    private static InetSocketAddress v2Address(byte[] body, int size) throws ProxyProtocolException {
        if (body.length < 2 * size + 4) {
            throw new ProxyProtocolException("PROXY v2 address block of " + body.length + " bytes, need "
                    + (2 * size + 4));
        }
        try {
            // an IPv4-mapped IPv6 address comes back as the IPv4 address it is
            InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(body, 0, size));
            int port = ((body[2 * size] & 0xff) << 8) | (body[2 * size + 1] & 0xff);
            return new InetSocketAddress(source, port);
        } catch (UnknownHostException e) {
            throw new ProxyProtocolException("PROXY v2 address: " + e.getMessage());
        }
    }

    private static String printable(byte[] bytes) {
        return printable(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return "'" + out + "'";
    }

    /** Reads exact byte counts against one deadline for the whole header. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        byte[] bytes(int count) throws IOException {
            byte[] out = new byte[count];
            int n = 0;
            while (n < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("PROXY header not complete in time");
                }
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                int read = in.read(out, n, count - n);
                if (read < 0) {
                    throw new EOFException("connection closed before the end of the PROXY header");
                }
                n += read;
            }
            return out;
        }
    }
}

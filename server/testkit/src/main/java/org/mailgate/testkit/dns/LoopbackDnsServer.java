package org.mailgate.testkit.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * A real, authoritative DNS server on {@code 127.0.0.1}, UDP and TCP on one ephemeral port, serving a
 * zone the test writes while it runs:
 *
 * <pre>{@code
 * try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
 *     dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.1");
 *     // point the code under test at dns.hostAndPort()
 * }
 * }</pre>
 *
 * <p>Answers: a name with records of the asked type gets them (NOERROR, authoritative); a name that has
 * records, but none of that type, gets NODATA (NOERROR, empty answer, an SOA in the authority section);
 * any other name gets NXDOMAIN. Names are case-insensitive and may be given with or without the final
 * dot. Single names can be made to fail with SERVFAIL ({@link #servfail}) or to go unanswered
 * ({@link #timeout}). UDP answers larger than the client can take (512 bytes, or its EDNS size) are
 * truncated with the TC flag, so that clients retry over TCP as they would with a real server.
 *
 * <p>Every edit is thread-safe and takes effect for the next query. Each UDP socket and TCP listener has a
 * platform thread; each TCP connection a virtual thread. No state is static: servers are independent.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackDnsServer.class);
    private static final int BIND_ATTEMPTS = 50;
    private static final int PLAIN_UDP_LIMIT = 512;
    private static final int MAX_UDP_PAYLOAD = 1232;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Zone zone = new Zone();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread udpThread;
    private final Thread tcpThread;
    private volatile boolean closed;

    private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        this.udpThread = Thread.ofPlatform().name("loopback-dns-udp-" + port()).daemon(true).unstarted(this::serveUdp);
        this.tcpThread = Thread.ofPlatform().name("loopback-dns-tcp-" + port()).daemon(true).unstarted(this::acceptTcp);
    }

    /**
     * Binds UDP and TCP on the same free port of 127.0.0.1 and starts answering with an empty zone.
     *
     * @throws UncheckedIOException if no port could be bound for both protocols
     */
    public static LoopbackDnsServer start() {
        InetAddress loopback = ipv4Loopback();
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                } catch (IOException taken) {
                    tcp.close();
                    throw taken;
                }
                LoopbackDnsServer server = new LoopbackDnsServer(udp, tcp);
                server.udpThread.start();
                server.tcpThread.start();
                LOG.debug("loopback DNS server listening on {}", server.hostAndPort());
                return server;
            } catch (IOException e) {
                // the TCP side of that port is taken: try another port
                last = e;
                if (udp != null) {
                    udp.close();
                }
            }
        }
        throw new UncheckedIOException("no port of 127.0.0.1 free for both UDP and TCP after " + BIND_ATTEMPTS
                + " attempts", last);
    }

    /** The port, the same for UDP and TCP. */
    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as a {@code <server>} of {@code dnsservice.xml} takes it. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /**
     * Sets the TTL of the records added from now on (and of the SOA sent with negative answers, which
     * bounds how long a client may cache them). Default 300 seconds; 0 lets nothing be cached.
     */
    public LoopbackDnsServer ttl(long seconds) {
        zone.ttl(seconds);
        return this;
    }

    /** Adds an MX record: {@code domain} takes mail at {@code host} with {@code preference}. */
    public LoopbackDnsServer mx(String domain, int preference, String host) {
        Name target = Zone.absolute(host);
        zone.add(domain, (owner, ttl) -> new MXRecord(owner, DClass.IN, ttl, preference, target));
        return this;
    }

    /** Adds a null MX ({@code MX 0 .}, RFC 7505): {@code domain} accepts no mail. */
    public LoopbackDnsServer nullMx(String domain) {
        zone.add(domain, (owner, ttl) -> new MXRecord(owner, DClass.IN, ttl, 0, Name.root));
        return this;
    }

    /** Adds an A record. */
    public LoopbackDnsServer a(String host, String ipv4) {
        InetAddress address = Zone.address(ipv4, Address.IPv4);
        zone.add(host, (owner, ttl) -> new ARecord(owner, DClass.IN, ttl, address));
        return this;
    }

    /** Adds an AAAA record. */
    public LoopbackDnsServer aaaa(String host, String ipv6) {
        InetAddress address = Zone.address(ipv6, Address.IPv6);
        zone.add(host, (owner, ttl) -> new AAAARecord(owner, DClass.IN, ttl, address));
        return this;
    }

    /** Adds a TXT record with one string (at most 255 bytes). */
    public LoopbackDnsServer txt(String name, String text) {
        zone.add(name, (owner, ttl) -> new TXTRecord(owner, DClass.IN, ttl, text));
        return this;
    }

    /**
     * Adds a PTR record for an IPv4 or IPv6 address, owned by its {@code in-addr.arpa} or
     * {@code ip6.arpa} name.
     */
    public LoopbackDnsServer ptr(String ip, String host) {
        Name reverse = ReverseMap.fromAddress(Zone.address(ip));
        Name target = Zone.absolute(host);
        zone.add(reverse.toString(), (owner, ttl) -> new PTRRecord(owner, DClass.IN, ttl, target));
        return this;
    }

    /** Answers every query of {@code name} with SERVFAIL, whatever records it has. */
    public LoopbackDnsServer servfail(String name) {
        zone.servfail(name);
        return this;
    }

    /** Answers queries of {@code name} for one record type ({@code "A"}, {@code "AAAA"}...) with SERVFAIL. */
    public LoopbackDnsServer servfail(String name, String type) {
        zone.servfail(name, type);
        return this;
    }

    /** Never answers a query of {@code name}, over UDP or TCP: the client times out. */
    public LoopbackDnsServer timeout(String name) {
        zone.silence(name);
        return this;
    }

    /** Never answers queries of {@code name} for one record type. */
    public LoopbackDnsServer timeout(String name, String type) {
        zone.silence(name, type);
        return this;
    }

    /** Forgets every record of {@code name} and every failure set on it; the name becomes NXDOMAIN. */
    public LoopbackDnsServer remove(String name) {
        zone.remove(name);
        return this;
    }

    /** Forgets all records, failures and logged queries, and sets the TTL back to 300 seconds. */
    public LoopbackDnsServer reset() {
        zone.reset();
        return this;
    }

    /**
     * The questions received since the start (or the last {@link #reset()}), in order, as
     * {@code "name. TYPE"} with the name in lower case: {@code "example.com. MX"}. Unanswered queries
     * count too.
     */
    public List<String> queries() {
        return zone.queries();
    }

    /** How many questions were received; see {@link #queries()}. */
    public int queryCount() {
        return zone.queryCount();
    }

    /** Stops answering: closes the sockets and open TCP connections, and waits for the threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        udp.close();
        closeQuietly(tcp);
        connections.forEach(LoopbackDnsServer::closeQuietly);
        join(udpThread);
        join(tcpThread);
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("loopback DNS server: UDP receive failed, no longer answering over UDP", e);
                }
                return;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            respond(query, true).ifPresent(response -> {
                try {
                    udp.send(new DatagramPacket(response, response.length, client));
                } catch (IOException e) {
                    LOG.debug("loopback DNS server: cannot answer {} over UDP", client, e);
                }
            });
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("loopback DNS server: TCP accept failed, no longer answering over TCP", e);
                }
                return;
            }
            connections.add(socket);
            if (closed) {
                closeQuietly(socket);
                return;
            }
            Thread.ofVirtual().name("loopback-dns-tcp-connection").start(() -> serveConnection(socket));
        }
    }

    private void serveConnection(Socket socket) {
        try (socket;
             DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (!closed) {
                byte[] query = in.readNBytes(in.readUnsignedShort());
                Optional<byte[]> response = respond(query, false);
                if (response.isPresent()) {
                    out.writeShort(response.get().length);
                    out.write(response.get());
                    out.flush();
                }
            }
        } catch (EOFException hangUp) {
            LOG.trace("loopback DNS server: client closed the TCP connection");
        } catch (IOException e) {
            LOG.debug("loopback DNS server: TCP connection ended", e);
        } finally {
            connections.remove(socket);
        }
    }

    /** The wire-format response to a wire-format query; empty for unparseable or unanswered queries. */
    private Optional<byte[]> respond(byte[] wire, boolean overUdp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException malformed) {
            LOG.debug("loopback DNS server: dropping a malformed query", malformed);
            return Optional.empty();
        }
        return zone.answer(query).map(response -> {
            OPTRecord edns = query.getOPT();
            if (edns != null) {
                response.addRecord(new OPTRecord(MAX_UDP_PAYLOAD, 0, 0), Section.ADDITIONAL);
            }
            if (!overUdp) {
                return response.toWire();
            }
            int limit = edns == null ? PLAIN_UDP_LIMIT
                    : Math.min(MAX_UDP_PAYLOAD, Math.max(PLAIN_UDP_LIMIT, edns.getPayloadSize()));
            return response.toWire(limit);
        });
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.warn("loopback DNS server: {} did not stop within {}", thread.getName(), STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.trace("loopback DNS server: error while closing", e);
        }
    }
}

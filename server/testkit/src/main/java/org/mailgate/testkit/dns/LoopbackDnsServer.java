package org.mailgate.testkit.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A real, authoritative DNS server on 127.0.0.1 (UDP and TCP on one port) with a zone the test writes:
 * {@code dns.mx("example.com", 10, "mx.example.com").a("mx.example.com", "127.0.0.1")}. Unknown names
 * are NXDOMAIN, known names without the asked type answer NODATA; single names can be made to fail
 * ({@link #servfail}) or to go unanswered ({@link #timeout}).
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private static final Name SOA_OWNER = Name.root;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Name, List<Record>> zone = new HashMap<>();
    private final Set<Name> failing = new HashSet<>();
    private final Set<Name> silent = new HashSet<>();
    private final List<String> queries = new ArrayList<>();
    private long ttl = 300;
    private volatile boolean running = true;

    private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        Thread.ofPlatform().name("dns-udp-" + port()).daemon(true).start(this::serveUdp);
        Thread.ofPlatform().name("dns-tcp-" + port()).daemon(true).start(this::serveTcp);
    }

    /** Binds UDP and TCP on the same free port of 127.0.0.1. */
    public static LoopbackDnsServer start() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                try {
                    tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                } catch (IOException taken) {
                    tcp.close();
                    throw taken;
                }
                return new LoopbackDnsServer(udp, tcp);
            } catch (IOException e) {
                last = e;
                if (udp != null) {
                    udp.close();
                }
            }
        }
        throw new UncheckedIOException("no port free for both UDP and TCP", last);
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as {@code dnsservice.xml} takes it. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    public LoopbackDnsServer ttl(long seconds) {
        lock.lock();
        try {
            this.ttl = seconds;
        } finally {
            lock.unlock();
        }
        return this;
    }

    public LoopbackDnsServer mx(String domain, int preference, String host) {
        return add(name -> new MXRecord(name, DClass.IN, ttl, preference, name(host)), domain);
    }

    /** RFC 7505: {@code MX 0 .}, the domain takes no mail. */
    public LoopbackDnsServer nullMx(String domain) {
        return add(name -> new MXRecord(name, DClass.IN, ttl, 0, Name.root), domain);
    }

    public LoopbackDnsServer a(String host, String ipv4) {
        return add(name -> new ARecord(name, DClass.IN, ttl, address(ipv4)), host);
    }

    public LoopbackDnsServer aaaa(String host, String ipv6) {
        return add(name -> new AAAARecord(name, DClass.IN, ttl, address(ipv6)), host);
    }

    public LoopbackDnsServer txt(String name, String text) {
        return add(owner -> new TXTRecord(owner, DClass.IN, ttl, text), name);
    }

    public LoopbackDnsServer ptr(String ip, String host) {
        Name reverse = ReverseMap.fromAddress(address(ip));
        return add(owner -> new PTRRecord(owner, DClass.IN, ttl, name(host)), reverse.toString());
    }

    /** Every query for {@code name} gets SERVFAIL. */
    public LoopbackDnsServer servfail(String name) {
        lock.lock();
        try {
            failing.add(name(name));
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Queries for {@code name} are never answered. */
    public LoopbackDnsServer timeout(String name) {
        lock.lock();
        try {
            silent.add(name(name));
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Forgets every record and failure of {@code name}. */
    public LoopbackDnsServer remove(String name) {
        lock.lock();
        try {
            Name n = name(name);
            zone.remove(n);
            failing.remove(n);
            silent.remove(n);
        } finally {
            lock.unlock();
        }
        return this;
    }

    public LoopbackDnsServer reset() {
        lock.lock();
        try {
            zone.clear();
            failing.clear();
            silent.clear();
            queries.clear();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** The questions received, as {@code "name. TYPE"}, in order. */
    public List<String> queries() {
        lock.lock();
        try {
            return List.copyOf(queries);
        } finally {
            lock.unlock();
        }
    }

    public int queryCount() {
        lock.lock();
        try {
            return queries.size();
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface RecordMaker {
        Record make(Name owner);
    }

    private LoopbackDnsServer add(RecordMaker maker, String owner) {
        lock.lock();
        try {
            Name name = name(owner);
            zone.computeIfAbsent(name, n -> new ArrayList<>()).add(maker.make(name));
        } finally {
            lock.unlock();
        }
        return this;
    }

    private static Name name(String text) {
        try {
            String absolute = text.endsWith(".") ? text : text + ".";
            return Name.fromString(absolute.toLowerCase(java.util.Locale.ROOT));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** The answer to a query, or null when the name is set to time out. */
    byte[] answer(byte[] queryBytes) throws IOException {
        Message query = new Message(queryBytes);
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        }
        response.addRecord(question, Section.QUESTION);
        Name name = name(question.getName().toString());
        int type = question.getType();
        lock.lock();
        try {
            queries.add(name + " " + Type.string(type));
            if (silent.contains(name)) {
                return null;
            }
            if (failing.contains(name)) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response.toWire();
            }
            List<Record> records = zone.get(name);
            if (records == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                response.addRecord(soa(), Section.AUTHORITY);
                return response.toWire();
            }
            boolean any = false;
            for (Record record : records) {
                if (record.getType() == type || type == Type.ANY) {
                    response.addRecord(record, Section.ANSWER);
                    any = true;
                }
            }
            if (!any) {
                response.addRecord(soa(), Section.AUTHORITY);
            }
            return response.toWire();
        } finally {
            lock.unlock();
        }
    }

    private SOARecord soa() {
        return new SOARecord(SOA_OWNER, DClass.IN, ttl, name("ns.test"), name("hostmaster.test"), 1, 3600, 600,
                86400, ttl);
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] response = answer(query);
                if (response != null) {
                    udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException malformed) {
                // a query we cannot parse gets no answer
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().start(() -> serveConnection(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (running) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] response = answer(query);
                if (response == null) {
                    continue;
                }
                out.writeShort(response.length);
                out.write(response);
                out.flush();
            }
        } catch (IOException ended) {
            // the client closed the connection
        }
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

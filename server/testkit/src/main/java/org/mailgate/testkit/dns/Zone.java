package org.mailgate.testkit.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The records, failures and query log behind a {@link LoopbackDnsServer}: what to answer to a query,
 * independent of the transport. Thread-safe; every method takes one lock, so an answer always sees the
 * zone either before or after an edit, never half of it.
 */
final class Zone {

    /** Owner of the SOA in negative answers: the fake server is authoritative for everything. */
    private static final Name APEX = Name.root;
    private static final Name PRIMARY = absolute("ns.loopback.test");
    private static final Name HOSTMASTER = absolute("hostmaster.loopback.test");
    private static final long DEFAULT_TTL = 300;
    private static final int EVERY_TYPE = -1;

    /** Builds a record for an owner name with the TTL in force when it is added. */
    @FunctionalInterface
    interface RecordMaker {
        Record make(Name owner, long ttl);
    }

    /** A failure set on a name, for every type ({@link #EVERY_TYPE}) or for one. */
    private record Trap(Name name, int type) {
        boolean catches(Name asked, int askedType) {
            return name.equals(asked) && (type == EVERY_TYPE || type == askedType);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Name, List<Record>> records = new HashMap<>();
    private final Set<Trap> servfail = new HashSet<>();
    private final Set<Trap> silent = new HashSet<>();
    private final List<String> queries = new ArrayList<>();
    private long ttl = DEFAULT_TTL;

    /** Sets the TTL of records added from now on (and of the SOA in negative answers). */
    void ttl(long seconds) {
        if (seconds < 0 || seconds > TTL.MAX_VALUE) {
            throw new IllegalArgumentException("a TTL is 0 to " + TTL.MAX_VALUE + " seconds, not " + seconds);
        }
        locked(() -> ttl = seconds);
    }

    /** Adds a record owned by {@code owner}, built with the current TTL. */
    void add(String owner, RecordMaker maker) {
        Name name = absolute(owner);
        locked(() -> records.computeIfAbsent(name, n -> new ArrayList<>()).add(maker.make(name, ttl)));
    }

    /** Every query of {@code name} gets SERVFAIL. */
    void servfail(String name) {
        trap(servfail, name, EVERY_TYPE);
    }

    /** Queries of {@code name} for {@code type} get SERVFAIL. */
    void servfail(String name, String type) {
        trap(servfail, name, type(type));
    }

    /** No query of {@code name} is answered. */
    void silence(String name) {
        trap(silent, name, EVERY_TYPE);
    }

    /** Queries of {@code name} for {@code type} are not answered. */
    void silence(String name, String type) {
        trap(silent, name, type(type));
    }

    private void trap(Set<Trap> traps, String name, int type) {
        Trap trap = new Trap(absolute(name), type);
        locked(() -> traps.add(trap));
    }

    void remove(String owner) {
        Name name = absolute(owner);
        locked(() -> {
            records.remove(name);
            servfail.removeIf(t -> t.name().equals(name));
            silent.removeIf(t -> t.name().equals(name));
        });
    }

    void reset() {
        locked(() -> {
            records.clear();
            servfail.clear();
            silent.clear();
            queries.clear();
            ttl = DEFAULT_TTL;
        });
    }

    List<String> queries() {
        lock.lock();
        try {
            return List.copyOf(queries);
        } finally {
            lock.unlock();
        }
    }

    int queryCount() {
        lock.lock();
        try {
            return queries.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The response to {@code query}, or empty when the asked name is set to go unanswered.
     * Every query with a question is logged, answered or not.
     */
    Optional<Message> answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return Optional.of(response);
        }
        if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(response);
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName().canonicalize();
        int type = question.getType();
        lock.lock();
        try {
            queries.add(name + " " + Type.string(type));
            if (silent.stream().anyMatch(t -> t.catches(name, type))) {
                return Optional.empty();
            }
            if (servfail.stream().anyMatch(t -> t.catches(name, type))) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return Optional.of(response);
            }
            response.getHeader().setFlag(Flags.AA);
            if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
                response.getHeader().setRcode(Rcode.REFUSED);
                return Optional.of(response);
            }
            List<Record> owned = records.get(name);
            if (owned == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                response.addRecord(soa(), Section.AUTHORITY);
                return Optional.of(response);
            }
            owned.stream()
                    .filter(r -> r.getType() == type || type == Type.ANY)
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
            if (response.getSection(Section.ANSWER).isEmpty()) {
                response.addRecord(soa(), Section.AUTHORITY);
            }
            return Optional.of(response);
        } finally {
            lock.unlock();
        }
    }

    private SOARecord soa() {
        return new SOARecord(APEX, DClass.IN, ttl, PRIMARY, HOSTMASTER, 1, 3600, 600, 86400, ttl);
    }

    private void locked(Runnable edit) {
        lock.lock();
        try {
            edit.run();
        } finally {
            lock.unlock();
        }
    }

    /** {@code name} as an absolute, lower-case DNS name; a trailing dot is optional. */
    static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root).canonicalize();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: '" + name + "'", e);
        }
    }

    /** Parses an address literal of the given family ({@link Address#IPv4} or {@link Address#IPv6}). */
    static InetAddress address(String literal, int family) {
        try {
            return Address.getByAddress(literal, family);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv" + (family == Address.IPv4 ? "4" : "6")
                    + " address: '" + literal + "'", e);
        }
    }

    /** Parses an IPv4 or IPv6 address literal, never asking DNS. */
    static InetAddress address(String literal) {
        try {
            return Address.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + literal + "'", e);
        }
    }

    /** A record type by its mnemonic ({@code "MX"}, {@code "aaaa"}). */
    static int type(String mnemonic) {
        int type = Type.value(mnemonic.toUpperCase(Locale.ROOT));
        if (type < 0) {
            throw new IllegalArgumentException("not a DNS record type: '" + mnemonic + "'");
        }
        return type;
    }
}

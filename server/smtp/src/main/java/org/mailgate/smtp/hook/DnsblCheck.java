package org.mailgate.smtp.hook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.net.InetNetwork;
import org.mailgate.smtp.hook.config.CheckSpec;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS block lists (RFC 5782), at RCPT as James's {@code DNSRBLHandler}: the client's address, reversed
 * (IPv4 octets, IPv6 nibbles), is looked up under each zone; an answer in {@code 127.0.0.0/24} means
 * listed. A client listed by an allow-list zone or inside {@code allowedNetworks} is not looked up in the
 * block lists. {@code postmaster} and {@code abuse} stay reachable. A block list that cannot be asked
 * gives 451: better a retry than mail accepted or refused on no answer.
 */
final class DnsblCheck implements RcptHook {

    private static final Logger LOG = LoggerFactory.getLogger(DnsblCheck.class);
    private static final InetNetwork LISTED = InetNetwork.parse("127.0.0.0/24").orElseThrow();
    private static final int MAX_DETAIL = 400;

    private final DnsResolver dns;
    private final CheckSpec.Dnsbl spec;

    DnsblCheck(DnsResolver dns, CheckSpec.Dnsbl spec) {
        this.dns = dns;
        this.spec = spec;
    }

    @Override
    public HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        InetAddress client = session.remote().getAddress();
        if (ClientTrust.isTrusted(session) || ClientTrust.isRoleAccount(session, recipient)
                || spec.allowedNetworks().contains(client)) {
            return HookResult.DECLINED;
        }
        String reversed = reversed(client);
        for (String zone : spec.allowlists()) {
            try {
                if (listed(reversed + "." + zone)) {
                    LOG.debug("{}: [{}] is on the allow-list {}", session.id(), session.remoteIp(), zone);
                    return HookResult.DECLINED;
                }
            } catch (DnsException e) {
                LOG.debug("{}: allow-list {} not answered: {}", session.id(), zone, e.getMessage());
            }
        }
        for (CheckSpec.BlockList list : spec.blocklists()) {
            String name = reversed + "." + list.zone();
            try {
                if (listed(name)) {
                    LOG.info("{}: [{}] refused: listed by {}", session.id(), session.remoteIp(), list.zone());
                    return HookResult.reject(Reply.of(554, "5.7.1", text(session, list, name)));
                }
            } catch (DnsException e) {
                LOG.warn("{}: block list {} not answered for [{}]: {}", session.id(), list.zone(),
                        session.remoteIp(), e.getMessage());
                return HookResult.reject(Replies.CLIENT_DNS_TEMPORARY);
            }
        }
        return HookResult.DECLINED;
    }

    /** Whether the list answers with an address of 127.0.0.0/24; NXDOMAIN is "not listed". */
    private boolean listed(String name) throws DnsException {
        List<InetAddress> answer;
        try {
            answer = dns.addresses(name);
        } catch (DnsException e) {
            if (e.isPermanent()) {
                return false;
            }
            throw e;
        }
        boolean listed = answer.stream().anyMatch(a -> a instanceof Inet4Address && LISTED.contains(a));
        if (!listed && !answer.isEmpty()) {
            LOG.warn("{}: unexpected answer {} (not 127.0.0.x): not taken as listed", name, answer);
        }
        return listed;
    }

    private String text(SmtpSession session, CheckSpec.BlockList list, String name) {
        if (list.reply().isPresent()) {
            return list.reply().get().replace("{ip}", session.remoteIp());
        }
        if (spec.getDetail()) {
            Optional<String> detail = detail(name);
            if (detail.isPresent()) {
                return detail.get();
            }
        }
        return "Rejected: mail from [" + session.remoteIp() + "] is refused (listed by " + list.zone()
                + "); contact the postmaster";
    }

    /** The list's TXT record, printable ASCII only: it goes into a reply line. */
    private Optional<String> detail(String name) {
        try {
            return dns.txt(name).stream().findFirst()
                    .map(t -> t.replaceAll("[^\\x20-\\x7e]", "?"))
                    .map(t -> t.length() > MAX_DETAIL ? t.substring(0, MAX_DETAIL) : t)
                    .filter(t -> !t.isBlank());
        } catch (DnsException e) {
            return Optional.empty();
        }
    }

    /** {@code 2.0.0.192} for 192.0.2.2; 32 nibbles, lowest first, for an IPv6 address (RFC 5782 2.1, 2.4). */
    static String reversed(InetAddress address) {
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet4Address) {
            byte[] octets = address.getAddress();
            for (int i = octets.length - 1; i >= 0; i--) {
                name.append(octets[i] & 0xff).append(i > 0 ? "." : "");
            }
            return name.toString();
        }
        String hex = HexFormat.of().formatHex(address.getAddress());
        for (int i = hex.length() - 1; i >= 0; i--) {
            name.append(hex.charAt(i)).append(i > 0 ? "." : "");
        }
        return name.toString();
    }
}

package org.mailgate.smtp.hook;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.net.IpLiteral;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * The HELO/EHLO name must have an address (James's {@code ResolvableEhloHeloHandler}) or, with
 * {@code mustBeClient}, must resolve to the client's own address (James's
 * {@code ReverseEqualsEhloHeloHandler}). Refused at RCPT as James does, so {@code postmaster} and
 * {@code abuse} stay reachable; trusted clients are not checked; DNS trouble gives 451.
 */
final class HeloAddressCheck implements RcptHook {

    private final DnsResolver dns;
    private final boolean mustBeClient;

    HeloAddressCheck(DnsResolver dns, boolean mustBeClient) {
        this.dns = dns;
        this.mustBeClient = mustBeClient;
    }

    @Override
    public HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        Optional<String> helo = session.helo();
        if (helo.isEmpty() || ClientTrust.isTrusted(session) || ClientTrust.isRoleAccount(session, recipient)) {
            return HookResult.DECLINED;
        }
        String name = helo.get();
        InetAddress client = session.remote().getAddress();
        Optional<InetAddress> literal = name.startsWith("[") && name.endsWith("]")
                ? IpLiteral.parse(name.substring(1, name.length() - 1).replaceFirst("(?i)^IPv6:", ""))
                : Optional.empty();
        if (literal.isPresent()) {
            return !mustBeClient || literal.get().equals(client) ? HookResult.DECLINED : refuse(session, name);
        }
        List<InetAddress> addresses;
        try {
            addresses = dns.addresses(name);
        } catch (DnsException e) {
            if (!e.isPermanent()) {
                return HookResult.reject(Replies.CLIENT_DNS_TEMPORARY);
            }
            addresses = List.of();
        }
        if (addresses.isEmpty() || mustBeClient && !addresses.contains(client)) {
            return refuse(session, name);
        }
        return HookResult.DECLINED;
    }

    private HookResult refuse(SmtpSession session, String name) {
        String why = mustBeClient ? "does not resolve to your address [" + session.remoteIp() + "]"
                : "has no address in DNS";
        return HookResult.reject(Reply.of(550, "5.7.1", "Client refused: HELO/EHLO name " + name + " " + why));
    }
}

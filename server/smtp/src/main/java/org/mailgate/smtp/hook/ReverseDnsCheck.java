package org.mailgate.smtp.hook;

import java.net.InetAddress;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;

/**
 * Forward-confirmed reverse DNS: one of the client's PTR names (the first 10 are tried) must have the
 * client's address among its A/AAAA records. Refused at RCPT with 550 5.7.25 (RFC 7372), 451 4.7.25 when
 * DNS could not tell; {@code postmaster} and {@code abuse} stay reachable; trusted clients are not checked.
 */
final class ReverseDnsCheck implements RcptHook {

    private static final int MAX_NAMES = 10;

    private final DnsResolver dns;

    ReverseDnsCheck(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        if (ClientTrust.isTrusted(session) || ClientTrust.isRoleAccount(session, recipient)) {
            return HookResult.DECLINED;
        }
        InetAddress client = session.remote().getAddress();
        List<String> names;
        try {
            names = dns.ptr(client);
        } catch (DnsException e) {
            return HookResult.reject(e.isPermanent() ? Replies.REVERSE_DNS_FAILED : Replies.REVERSE_DNS_TEMPORARY);
        }
        boolean unsure = false;
        for (String name : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
            try {
                if (dns.addresses(name).contains(client)) {
                    return HookResult.DECLINED;
                }
            } catch (DnsException e) {
                unsure |= !e.isPermanent();
            }
        }
        return HookResult.reject(unsure ? Replies.REVERSE_DNS_TEMPORARY : Replies.REVERSE_DNS_FAILED);
    }
}

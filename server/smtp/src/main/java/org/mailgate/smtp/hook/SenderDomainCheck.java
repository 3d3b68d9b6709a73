package org.mailgate.smtp.hook;

import java.util.List;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.mailgate.api.dns.DnsException;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.dns.MxRecord;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * The sender's domain must be able to receive replies: an MX, or else an address (RFC 5321 5.1). Refused
 * at MAIL as James's {@code ValidSenderDomainHandler} does: 553 5.1.8 when the domain does not exist or
 * has neither, 550 5.7.27 for a null MX (RFC 7505), 451 4.1.8 when DNS could not tell. The null sender,
 * address-literal domains and trusted clients are not checked.
 */
final class SenderDomainCheck implements MailHook {

    private final DnsResolver dns;

    SenderDomainCheck(DnsResolver dns) {
        this.dns = dns;
    }

    @Override
    public HookResult onMail(SmtpSession session, MailTransaction transaction) {
        if (transaction.sender().isNullSender() || ClientTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        MailAddress sender = transaction.sender().get();
        if (sender.getDomain().asString().startsWith("[")) {
            return HookResult.DECLINED;
        }
        Domain domain = sender.getDomain();
        try {
            List<MxRecord> mx = dns.mx(domain);
            if (!mx.isEmpty()) {
                return mx.stream().allMatch(MxRecord::isNullMx)
                        ? HookResult.reject(Reply.of(550, "5.7.27", "Sender domain " + domain.asString()
                        + " accepts no mail (null MX), so it cannot send any"))
                        : HookResult.DECLINED;
            }
            if (!dns.addresses(domain.asString()).isEmpty()) {
                return HookResult.DECLINED;
            }
            return refuse(domain, "has no MX or address records");
        } catch (DnsException e) {
            return e.isPermanent() ? refuse(domain, "does not exist")
                    : HookResult.reject(Replies.SENDER_DOMAIN_TEMPORARY);
        }
    }

    private static HookResult refuse(Domain domain, String why) {
        return HookResult.reject(Reply.of(553, "5.1.8", "Sender address rejected: domain " + domain.asString()
                + " " + why));
    }
}

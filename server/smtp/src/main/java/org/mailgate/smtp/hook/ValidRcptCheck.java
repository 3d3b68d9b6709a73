package org.mailgate.smtp.hook;

import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.mailgate.api.rrt.MappingResolver;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.Resolution;
import org.mailgate.api.user.Users;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.SmtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recipients in local domains must exist, as James's {@code ValidRcptHandler}: 550 5.1.1 at RCPT rather
 * than a bounce later. Known are {@code postmaster} and {@code abuse}, an account of {@link Users} (named
 * by the whole address or by its local part), and, with {@code enableRecipientRewriteTable}, an address
 * the rewrite table maps somewhere. Applies to every client, trusted or not.
 */
final class ValidRcptCheck implements RcptHook {

    private static final Logger LOG = LoggerFactory.getLogger(ValidRcptCheck.class);

    private final Users users;
    private final Optional<MappingResolver> rewrites;

    ValidRcptCheck(Users users, Optional<RecipientRewriteTable> rewrites) {
        this.users = users;
        this.rewrites = rewrites.map(MappingResolver::new);
    }

    @Override
    public HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        if (!session.services().domains().isLocal(recipient.getDomain())
                || ClientTrust.isRoleAccount(session, recipient)) {
            return HookResult.DECLINED;
        }
        try {
            if (users.contains(Username.of(recipient.asString()))
                    || users.contains(Username.of(recipient.getLocalPart()))) {
                return HookResult.DECLINED;
            }
            if (rewrites.isPresent() && rewrites.get().resolve(recipient) instanceof Resolution.Rewritten) {
                return HookResult.DECLINED;
            }
        } catch (RuntimeException e) {
            LOG.error("{}: cannot check recipient <{}>: {}", session.id(), recipient.asString(), e.getMessage(), e);
            return HookResult.reject(Replies.STORAGE_FAILED);
        }
        LOG.info("{}: unknown local recipient <{}> refused", session.id(), recipient.asString());
        return HookResult.reject(Replies.UNKNOWN_USER);
    }
}

package org.mailgate.smtp.session;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.james.core.Username;
import org.mailgate.api.domain.DomainList;
import org.mailgate.api.metrics.MailMetrics;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.rrt.RewriteSettings;
import org.mailgate.api.spool.MailSpool;
import org.mailgate.api.user.Users;

/**
 * What SMTP sessions hand mail to and decide with.
 *
 * @param users    the accounts SMTP AUTH checks
 * @param rewrites the rewrite table, whose aliases an authenticated user may send as ({@code verifyIdentity})
 * @param metrics  where accepted messages and replies are counted
 */
public record SessionServices(MailSpool spool, DomainList domains, Clock clock, Users users,
                              RecipientRewriteTable rewrites, MailMetrics metrics) {

    /** Without counting. */
    public SessionServices(MailSpool spool, DomainList domains, Clock clock, Users users,
                           RecipientRewriteTable rewrites) {
        this(spool, domains, clock, users, rewrites, MailMetrics.NONE);
    }

    /** The same services, counting into {@code counting}. */
    public SessionServices withMetrics(MailMetrics counting) {
        return new SessionServices(spool, domains, clock, users, rewrites, counting);
    }

    /** Without accounts (every AUTH fails) and without aliases. */
    public SessionServices(MailSpool spool, DomainList domains, Clock clock) {
        this(spool, domains, clock, new NoAccounts(), new NoRewrites());
    }

    /** An account store with no accounts, for embedding without SMTP AUTH. */
    private static final class NoAccounts implements Users {
        @Override
        public boolean contains(Username name) {
            return false;
        }

        @Override
        public boolean verify(Username name, String password) {
            return false;
        }

        @Override
        public void add(Username name, String password) {
            throw new UnsupportedOperationException("this server has no account store");
        }

        @Override
        public void setPassword(Username name, String password) {
            throw new NoSuchElementException("no such user: " + name.asString());
        }

        @Override
        public boolean remove(Username name) {
            return false;
        }

        @Override
        public List<Username> list() {
            return List.of();
        }
    }

    private static final class NoRewrites implements RecipientRewriteTable {
        @Override
        public List<Mapping> mappingsFor(MappingSource source) {
            return List.of();
        }

        @Override
        public RewriteSettings settings() {
            return RewriteSettings.DEFAULT;
        }
    }
}

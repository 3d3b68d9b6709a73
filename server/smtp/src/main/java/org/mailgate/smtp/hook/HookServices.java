package org.mailgate.smtp.hook;

import java.util.Optional;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.api.rrt.RecipientRewriteTable;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.user.Users;

/**
 * What the sender checks decide with. Each is optional so that a server without checks needs none; a
 * configured check whose collaborator is missing stops the start (see {@link HookFactory}).
 */
public record HookServices(Optional<DnsResolver> dns, Optional<SpfChecker> spf, Optional<Users> users,
                           Optional<RecipientRewriteTable> rewrites) {

    public static HookServices none() {
        return new HookServices(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}

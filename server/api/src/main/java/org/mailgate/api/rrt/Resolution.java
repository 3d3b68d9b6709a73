package org.mailgate.api.rrt;

import java.util.List;
import org.apache.james.core.MailAddress;

/** What the rewrite table makes of one recipient. */
public sealed interface Resolution {

    /** No mapping applies: the recipient stays as it is. */
    record Unchanged() implements Resolution {
    }

    /**
     * The recipient is replaced by these addresses (never empty, no duplicates).
     *
     * @param addresses the final addresses, local or remote
     */
    record Rewritten(List<MailAddress> addresses) implements Resolution {
        public Rewritten {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a rewrite gives at least one address");
            }
        }
    }

    /**
     * The recipient cannot be delivered: an {@code error:} mapping, a loop, the mapping limit, a regex
     * giving something that is not an address.
     *
     * @param reason the text for the mail's error message, e.g. {@code 550 5.1.1 No such user}
     */
    record Failed(String reason) implements Resolution {
    }
}

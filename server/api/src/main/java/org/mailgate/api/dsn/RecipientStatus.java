package org.mailgate.api.dsn;

import java.util.Optional;
import org.apache.james.core.MailAddress;

/**
 * The per-recipient part of a delivery status notification (RFC 3464 2.3).
 *
 * @param action     {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}
 * @param status     the enhanced status code, e.g. {@code 5.1.1}
 * @param remoteMta  the host that gave the answer, if one did
 * @param diagnostic the remote server's reply, e.g. {@code 550 5.1.1 no such user}
 */
public record RecipientStatus(MailAddress recipient, String action, String status, Optional<String> remoteMta,
                              Optional<String> diagnostic) {

    public static RecipientStatus failed(MailAddress recipient, String status, String diagnostic) {
        return new RecipientStatus(recipient, "failed", status, Optional.empty(), Optional.of(diagnostic));
    }
}

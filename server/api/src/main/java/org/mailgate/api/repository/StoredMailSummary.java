package org.mailgate.api.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * One stored mail as an operator sees it in a listing, without its message.
 *
 * @param key          the key to {@link MailRepository#retrieve retrieve}, remove or reprocess it by
 * @param name         the mail's name
 * @param sender       the envelope sender; the null reverse-path is {@link MaybeSender#nullSender()}
 * @param recipients   the envelope recipients
 * @param state        the processor the mail was in when it was stored
 * @param errorMessage why the mail was stored, if a mailet said so
 * @param size         the size of the message in bytes (header section and body)
 * @param storedAt     when the mail was stored
 */
public record StoredMailSummary(String key, String name, MaybeSender sender, List<MailAddress> recipients,
                                String state, Optional<String> errorMessage, long size, Instant storedAt) {

    public StoredMailSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}

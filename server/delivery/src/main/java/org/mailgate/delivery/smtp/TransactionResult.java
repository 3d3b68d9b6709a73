package org.mailgate.delivery.smtp;

import java.util.Map;
import org.apache.james.core.MailAddress;

/**
 * The server's answer for each recipient of one transaction. {@code dataStarted} tells whether the
 * message may have been transmitted (then another host must not be tried in the same attempt);
 * {@code closing} that the server ended the session (421), so the connection cannot be reused.
 */
public record TransactionResult(Map<MailAddress, SmtpReply> replies, boolean dataStarted, boolean closing) {
}

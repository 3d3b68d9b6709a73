package org.mailgate.smtp.hook;

import org.apache.james.core.MailAddress;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.SmtpSession;

/**
 * Runs on RCPT TO once the recipient is valid and relaying to it is allowed; a rejection refuses this
 * recipient only.
 */
@FunctionalInterface
public interface RcptHook {

    HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient);
}

package org.mailgate.smtp.hook;

import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.SmtpSession;

/**
 * Runs on MAIL FROM once the command is valid and its transaction has begun; a rejection ends the
 * transaction. A hook may leave attributes for the mail on the transaction.
 */
@FunctionalInterface
public interface MailHook {

    HookResult onMail(SmtpSession session, MailTransaction transaction);
}

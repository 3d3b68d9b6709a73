package org.mailgate.smtp.hook;

import org.mailgate.smtp.session.SmtpSession;

/** Runs on HELO and EHLO once the name is syntactically a single word; a rejection refuses the greeting. */
@FunctionalInterface
public interface HeloHook {

    HookResult onHelo(SmtpSession session, String name);
}

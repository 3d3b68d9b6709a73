package org.mailgate.smtp.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * The hooks of one {@code <smtpserver>}, per stage, in the order of its {@code <handlerchain>}. At each
 * stage the hooks run until one accepts or rejects.
 */
public final class Hooks {

    private static final Hooks NONE = new Hooks(List.of());

    private final List<HeloHook> helo = new ArrayList<>();
    private final List<MailHook> mail = new ArrayList<>();
    private final List<RcptHook> rcpt = new ArrayList<>();

    /** Each hook joins every stage whose interface it implements. */
    public Hooks(List<?> hooks) {
        for (Object hook : hooks) {
            boolean any = false;
            if (hook instanceof HeloHook h) {
                helo.add(h);
                any = true;
            }
            if (hook instanceof MailHook m) {
                mail.add(m);
                any = true;
            }
            if (hook instanceof RcptHook r) {
                rcpt.add(r);
                any = true;
            }
            if (!any) {
                throw new IllegalArgumentException(hook.getClass().getName() + " is not a hook");
            }
        }
    }

    public static Hooks none() {
        return NONE;
    }

    /** The rejection of HELO/EHLO {@code name}, if a hook rejects it. */
    public Optional<Reply> onHelo(SmtpSession session, String name) {
        for (HeloHook hook : helo) {
            HookResult result = hook.onHelo(session, name);
            if (result.verdict() != HookResult.Verdict.DECLINED) {
                return result.reply();
            }
        }
        return Optional.empty();
    }

    /** The rejection of the MAIL FROM that began {@code transaction}, if a hook rejects it. */
    public Optional<Reply> onMail(SmtpSession session, MailTransaction transaction) {
        for (MailHook hook : mail) {
            HookResult result = hook.onMail(session, transaction);
            if (result.verdict() != HookResult.Verdict.DECLINED) {
                return result.reply();
            }
        }
        return Optional.empty();
    }

    /** The rejection of {@code recipient}, if a hook rejects it. */
    public Optional<Reply> onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        for (RcptHook hook : rcpt) {
            HookResult result = hook.onRcpt(session, transaction, recipient);
            if (result.verdict() != HookResult.Verdict.DECLINED) {
                return result.reply();
            }
        }
        return Optional.empty();
    }
}

package org.mailgate.smtp.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
        return decide(helo, hook -> hook.onHelo(session, name));
    }

    /** The rejection of the MAIL FROM that began {@code transaction}, if a hook rejects it. */
    public Optional<Reply> onMail(SmtpSession session, MailTransaction transaction) {
        return decide(mail, hook -> hook.onMail(session, transaction));
    }

    /** The rejection of {@code recipient}, if a hook rejects it. */
    public Optional<Reply> onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        return decide(rcpt, hook -> hook.onRcpt(session, transaction, recipient));
    }

    /** Asks {@code hooks} in order until one accepts (no reply) or rejects (its reply). */
    private static <H> Optional<Reply> decide(List<H> hooks, Function<H, HookResult> ask) {
        for (H hook : hooks) {
            HookResult result = ask.apply(hook);
            if (result.verdict() != HookResult.Verdict.DECLINED) {
                return result.reply();
            }
        }
        return Optional.empty();
    }
}

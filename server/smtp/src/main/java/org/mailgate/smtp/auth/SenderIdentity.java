package org.mailgate.smtp.auth;

import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.mailgate.api.rrt.MappingResolver;
import org.mailgate.api.rrt.Resolution;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * {@code <verifyIdentity>}: which MAIL FROM an authenticated user may give. Strict: the user's own
 * address, or an alias whose rewrite-table mappings resolve to it; relaxed: any address in a local
 * domain; disabled: any. Sessions without AUTH, and the null sender, are not checked here.
 */
public final class SenderIdentity {

    private SenderIdentity() {
    }

    /** The refusal for {@code sender}, or empty when the session may use it. */
    public static Optional<Reply> check(SmtpSession session, Optional<MailAddress> sender) {
        Optional<Username> user = session.authenticatedUser();
        if (user.isEmpty() || sender.isEmpty()) {
            return Optional.empty();
        }
        MailAddress from = sender.get();
        return switch (session.config().auth().verifyIdentity()) {
            case DISABLED -> Optional.empty();
            case RELAXED -> session.services().domains().isLocal(from.getDomain()) ? Optional.empty()
                    : Optional.of(Reply.of(553, "5.7.1", "Sender <" + from.asString() + "> is not in a local domain: "
                            + "authenticated users may send only from local domains"));
            case STRICT -> owns(session, user.get(), from) ? Optional.empty()
                    : Optional.of(Reply.of(553, "5.7.1", "Sender <" + from.asString() + "> is not owned by "
                            + "authenticated user " + user.get().asString()));
        };
    }

    private static boolean owns(SmtpSession session, Username user, MailAddress from) {
        String own = user.asString();
        if (from.asString().equalsIgnoreCase(own)) {
            return true;
        }
        Resolution resolution = new MappingResolver(session.services().rewrites()).resolve(from);
        return resolution instanceof Resolution.Rewritten rewritten
                && rewritten.addresses().stream().anyMatch(a -> a.asString().equalsIgnoreCase(own));
    }
}

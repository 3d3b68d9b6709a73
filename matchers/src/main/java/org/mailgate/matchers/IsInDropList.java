package org.mailgate.matchers;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.util.Collection;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropListOwner;

/**
 * The recipients the sender is <em>allowed</em> to write to, as James's matcher of this name (whose name
 * says what it checks, not what it returns): a recipient is left out when the sender's address or domain
 * is denied by the global drop list, by the drop list of the recipient's domain, or by that of the
 * recipient's address. James's documented use passes the allowed recipients on, and the rest fall off
 * the end of the processor:
 * <pre>
 * &lt;mailet match="IsInDropList" class="ToProcessor"&gt;
 *     &lt;processor&gt;transport&lt;/processor&gt;
 * &lt;/mailet&gt;
 * </pre>
 * A mail with the null sender (a bounce) has no address to deny: every recipient matches. No condition.
 */
public final class IsInDropList extends GenericMatcher {

    private final DropList dropList;

    @Inject
    public IsInDropList(DropList dropList) {
        this.dropList = dropList;
    }

    @Override
    public void init() throws MessagingException {
        if (getCondition() != null) {
            throw new MessagingException("IsInDropList takes no condition, not '" + getCondition()
                    + "'; drop-list entries are managed through the admin API");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (!mail.hasSender()) {
            return mail.getRecipients();
        }
        MailAddress sender = mail.getMaybeSender().get();
        return mail.getRecipients().stream().filter(recipient -> isAllowed(sender, recipient)).toList();
    }

    private boolean isAllowed(MailAddress sender, MailAddress recipient) {
        return allowed(DropListOwner.global(), sender)
                && allowed(DropListOwner.domain(recipient.getDomain()), sender)
                && allowed(DropListOwner.user(recipient), sender);
    }

    private boolean allowed(DropListOwner owner, MailAddress sender) {
        return dropList.query(owner, sender) == DropList.Status.ALLOWED;
    }
}

package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Makes sure mail for the postmaster reaches the postmaster: every recipient
 * {@code postmaster@<a local domain>} (local part compared without regard to case) is replaced by the
 * context's postmaster address, in the place of the first such recipient. The postmaster is then
 * listed once; other recipients and their order are kept. No parameters.
 *
 * <p>James skips an alias that is itself a local user; Mailgate replaces every alias, so the postmaster
 * of each local domain is the one configured postmaster.
 */
public final class PostmasterAlias extends GenericMailet {

    private static final String POSTMASTER = "postmaster";

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(getMailetConfig(), Set.of());
    }

    @Override
    public void service(Mail mail) {
        MailetContext context = getMailetContext();
        MailAddress postmaster = context.getPostmaster();
        List<MailAddress> rewritten = new ArrayList<>();
        boolean aliased = false;
        for (MailAddress recipient : mail.getRecipients()) {
            boolean alias = recipient.getLocalPart().equalsIgnoreCase(POSTMASTER)
                    && context.isLocalServer(recipient.getDomain());
            MailAddress kept = alias ? postmaster : recipient;
            if (!(kept.equals(postmaster) && rewritten.contains(postmaster))) {
                rewritten.add(kept);
            }
            aliased |= alias;
        }
        if (aliased) {
            mail.setRecipients(rewritten);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postmaster aliasing mailet";
    }
}

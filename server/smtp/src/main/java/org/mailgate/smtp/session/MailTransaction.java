package org.mailgate.smtp.session;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mailgate.api.mail.Envelope;

/** The envelope being built between MAIL and the end of DATA (or RSET). */
public final class MailTransaction {

    private final MaybeSender sender;
    private final List<MailAddress> recipients = new ArrayList<>();

    MailTransaction(MaybeSender sender) {
        this.sender = sender;
    }

    public MaybeSender sender() {
        return sender;
    }

    public void addRecipient(MailAddress recipient) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
        }
    }

    public int recipientCount() {
        return recipients.size();
    }

    public boolean hasRecipients() {
        return !recipients.isEmpty();
    }

    public Envelope envelope() {
        return new Envelope(sender, recipients);
    }
}

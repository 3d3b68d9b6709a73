package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Sends a notification about the mail to its envelope sender: a {@code multipart/mixed} message with
 * the notice, the error recorded on the mail and its details, and (by default) the original attached as
 * {@code message/rfc822}. A mail from the null reverse-path is never notified back; that is logged.
 *
 * <p>Parameters, with James's names and meanings: those of {@link NotifyParameters} ({@code notice} or
 * {@code message}, {@code sender} or {@code sendingAddress} (default {@code postmaster}; it is also the
 * reverse-path of the notification), {@code prefix} (default {@code Re:}), {@code inline} (default
 * {@code none}), {@code attachment} ({@code message}, {@code heads}, {@code body}, {@code all} or
 * {@code none}; default {@code message}), {@code attachError}, {@code passThrough} (default true),
 * {@code fakeDomainCheck}, {@code debug}), and {@code to}: the To header, {@code sender} (default),
 * {@code from} or {@code unaltered} (the original To header). James logs and ignores any other
 * {@code to}; Mailgate refuses it.
 */
public final class NotifySender extends GenericMailet {

    private static final Set<SpecialAddress> TO_VALUES =
            EnumSet.of(SpecialAddress.SENDER, SpecialAddress.FROM, SpecialAddress.UNALTERED);

    private RedirectSettings settings;

    @Override
    public void init() throws MessagingException {
        settings = NotifyParameters.notification("NotifySender", getMailetConfig(), SpecialAddress.SENDER, TO_VALUES);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Redirection.process(getMailetContext(), settings, "notify", mail);
    }

    @Override
    public String getMailetInfo() {
        return "NotifySender Mailet";
    }
}

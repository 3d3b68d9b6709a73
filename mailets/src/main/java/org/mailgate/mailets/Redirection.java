package org.mailgate.mailets;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.mailgate.api.mail.MessageParts;

/**
 * What Forward, Redirect, NotifySender and NotifyPostmaster do to a mail, as James's
 * ProcessRedirectNotify does it: build the new message (the original itself, sharing its stored body,
 * or an altered one), set its headers and envelope from the {@link RedirectSettings}, send it, and ghost
 * the original unless {@code passThrough}. A new mail left without recipients is not sent (a
 * notification to the sender of a mail from the null reverse-path, for instance); that is logged.
 */
final class Redirection {

    private Redirection() {
    }

    static void process(MailetContext context, RedirectSettings settings, String suffix, Mail original)
            throws MessagingException {
        Optional<RedirectSettings.NewMessage> newMessage = settings.newMessage();
        MimeMessage message = newMessage.isEmpty()
                ? MessageParts.of(original.getMessage()).toMimeMessage()
                : AlteredMessage.build(original, newMessage.get());
        setHeaders(settings, original, message);
        if (newMessage.isPresent()) {
            message.saveChanges();
        }
        List<MailAddress> recipients = recipients(settings, original);
        MaybeSender reversePath = reversePath(settings, original);
        if (recipients.isEmpty()) {
            if (!original.hasSender()) {
                Outgoing.logNullSender(context, settings.mailetName(), original);
            } else {
                context.log(MailetContext.LogLevel.INFO, settings.mailetName() + ": " + original.getName()
                        + ": no recipient for the new mail, nothing sent");
            }
        } else {
            checkSenderDomain(context, settings, original, reversePath);
            Mail sent = Outgoing.send(context, original, suffix, reversePath, recipients, message);
            if (settings.debug()) {
                Outgoing.logSent(context, settings.mailetName(), original, sent);
            }
        }
        if (!settings.passThrough()) {
            original.setState(Mail.GHOST);
        }
    }

    private static List<MailAddress> recipients(RedirectSettings settings, Mail original) throws MessagingException {
        Optional<AddressList> list = settings.recipients()
                .filter(l -> !l.isOnly(SpecialAddress.UNALTERED, SpecialAddress.RECIPIENTS));
        return list.isPresent() ? list.get().envelope(original) : List.copyOf(original.getRecipients());
    }

    /** {@code reversePath} if it changes anything, else a real {@code sender}, else the original's. */
    private static MaybeSender reversePath(RedirectSettings settings, Mail original) {
        Optional<AddressList.Entry> chosen = settings.reversePath()
                .filter(e -> !(e instanceof AddressList.Special s
                        && (s.kind() == SpecialAddress.UNALTERED || s.kind() == SpecialAddress.SENDER)));
        if (chosen.isEmpty()) {
            chosen = settings.sender().filter(e -> e instanceof AddressList.Literal);
        }
        if (chosen.isEmpty()) {
            return original.getMaybeSender();
        }
        return switch (chosen.get()) {
            case AddressList.Literal literal -> MaybeSender.of(literal.address());
            case AddressList.Special special -> MaybeSender.nullSender();
        };
    }

    private static void setHeaders(RedirectSettings settings, Mail original, MimeMessage message)
            throws MessagingException {
        MimeMessage source = original.getMessage();
        if (settings.to().isPresent()) {
            AddressList to = settings.to().get();
            if (to.isOnly(SpecialAddress.NULL)) {
                message.removeHeader("To");
            } else if (!to.isOnly(SpecialAddress.UNALTERED, SpecialAddress.TO, SpecialAddress.RECIPIENTS)) {
                List<InternetAddress> addresses = to.header(original);
                if (!addresses.isEmpty()) {
                    message.setRecipients(Message.RecipientType.TO, addresses.toArray(new InternetAddress[0]));
                }
            }
        }
        Optional<String> subject = SubjectLine.of(settings.prefix(), settings.subject(), source.getSubject());
        if (subject.isPresent()) {
            message.setSubject(subject.get(), "UTF-8");
        }
        if (settings.replyTo().isPresent()) {
            setReplyTo(settings.replyTo().get(), original, message);
        }
        if (settings.isReply() && source.getMessageID() != null) {
            message.setHeader("In-Reply-To", source.getMessageID());
        }
        if (settings.sender().orElse(null) instanceof AddressList.Literal literal) {
            message.setFrom(literal.header());
        }
        if (message.getHeader("Date") == null) {
            message.setSentDate(new Date());
        }
    }

    private static void setReplyTo(AddressList.Entry replyTo, Mail original, MimeMessage message)
            throws MessagingException {
        switch (replyTo) {
            case AddressList.Literal literal -> message.setReplyTo(new InternetAddress[] {literal.header()});
            case AddressList.Special special -> {
                switch (special.kind()) {
                    case NULL -> message.setReplyTo(null);
                    case SENDER -> {
                        if (original.hasSender()) {
                            message.setReplyTo(new InternetAddress[] {
                                new InternetAddress(original.getMaybeSender().get().asString())});
                        }
                    }
                    default -> {
                        // unaltered: the header stays as it is
                    }
                }
            }
        }
    }

    private static void checkSenderDomain(MailetContext context, RedirectSettings settings, Mail original,
                                          MaybeSender sender) throws MessagingException {
        if (settings.fakeDomainCheck() && !sender.isNullSender()
                && context.getMailServers(sender.get().getDomain()).isEmpty()) {
            throw new MessagingException(settings.mailetName() + " cannot send on " + original.getName()
                    + ": the sender domain " + sender.get().getDomain().asString() + " of " + sender.asString()
                    + " has no mail server (fakeDomainCheck); set a different sender or fakeDomainCheck=false");
        }
    }
}

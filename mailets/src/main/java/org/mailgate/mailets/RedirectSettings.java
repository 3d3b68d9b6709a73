package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.Objects;
import java.util.Optional;
import org.apache.mailet.Mail;

/**
 * What a mailet of the Redirect family (Forward, Redirect, NotifySender, NotifyPostmaster) does to each
 * mail, decided once at init from its parameters. An empty field leaves that part of the mail as it is.
 *
 * @param mailetName  for log lines and errors
 * @param recipients  the envelope recipients of the new mail
 * @param to          the To header of the new message
 * @param sender      the From header of the new message (and its reverse-path when {@code reversePath} is
 *                    not given), from James's {@code sender}
 * @param replyTo     the Reply-To header ({@code null} removes it)
 * @param reversePath the envelope sender ({@code null} makes it the null reverse-path)
 * @param subject     a new subject
 * @param prefix      put before the (new or original) subject
 * @param newMessage  the new message to build around the original; empty sends the original message
 *                    itself (James's {@code inline=unaltered})
 * @param isReply     whether In-Reply-To names the original Message-ID
 * @param passThrough whether the original mail goes on (else it is ghosted)
 * @param fakeDomainCheck whether a new mail whose sender's domain has no mail server is refused
 * @param debug       whether each new mail is logged
 */
record RedirectSettings(String mailetName, Optional<AddressList> recipients, Optional<AddressList> to,
                        Optional<AddressList.Entry> sender, Optional<AddressList.Entry> replyTo,
                        Optional<AddressList.Entry> reversePath, Optional<String> subject, Optional<String> prefix,
                        Optional<NewMessage> newMessage, boolean isReply, boolean passThrough, boolean fakeDomainCheck,
                        boolean debug) {

    /** The text part of a new message. */
    @FunctionalInterface
    interface Text {
        String of(Mail original) throws MessagingException;
    }

    /**
     * A new message about the original (see {@link AlteredMessage}).
     *
     * @param text        its text part, quotation included, for a given original mail
     * @param attachment  what of the original it attaches
     * @param attachError whether it carries the mail's error as an attachment
     */
    record NewMessage(Text text, Inclusion attachment, boolean attachError) {
        NewMessage {
            Objects.requireNonNull(text);
            Objects.requireNonNull(attachment);
        }
    }

    RedirectSettings {
        Objects.requireNonNull(mailetName);
    }

    /** A settings builder; every field starts as "leave it as it is". */
    static Builder builder(String mailetName) {
        return new Builder(mailetName);
    }

    /** Builds settings field by field; the record's own constructor is long. */
    static final class Builder {
        private final String mailetName;
        private Optional<AddressList> recipients = Optional.empty();
        private Optional<AddressList> to = Optional.empty();
        private Optional<AddressList.Entry> sender = Optional.empty();
        private Optional<AddressList.Entry> replyTo = Optional.empty();
        private Optional<AddressList.Entry> reversePath = Optional.empty();
        private Optional<String> subject = Optional.empty();
        private Optional<String> prefix = Optional.empty();
        private Optional<NewMessage> newMessage = Optional.empty();
        private boolean isReply;
        private boolean passThrough;
        private boolean fakeDomainCheck;
        private boolean debug;

        private Builder(String mailetName) {
            this.mailetName = mailetName;
        }

        Builder recipients(Optional<AddressList> value) {
            recipients = value;
            return this;
        }

        Builder to(Optional<AddressList> value) {
            to = value;
            return this;
        }

        Builder sender(Optional<AddressList.Entry> value) {
            sender = value;
            return this;
        }

        Builder replyTo(Optional<AddressList.Entry> value) {
            replyTo = value;
            return this;
        }

        Builder reversePath(Optional<AddressList.Entry> value) {
            reversePath = value;
            return this;
        }

        Builder subject(Optional<String> value) {
            subject = value;
            return this;
        }

        Builder prefix(Optional<String> value) {
            prefix = value;
            return this;
        }

        Builder newMessage(Optional<NewMessage> value) {
            newMessage = value;
            return this;
        }

        Builder isReply(boolean value) {
            isReply = value;
            return this;
        }

        Builder passThrough(boolean value) {
            passThrough = value;
            return this;
        }

        Builder fakeDomainCheck(boolean value) {
            fakeDomainCheck = value;
            return this;
        }

        Builder debug(boolean value) {
            debug = value;
            return this;
        }

        RedirectSettings build() {
            return new RedirectSettings(mailetName, recipients, to, sender, replyTo, reversePath, subject, prefix,
                    newMessage, isReply, passThrough, fakeDomainCheck, debug);
        }
    }
}

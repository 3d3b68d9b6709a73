package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the message has an attachment: a part, at any depth, whose
 * {@code Content-Disposition} is {@code attachment} or which declares a file name (a
 * {@code filename} or {@code name} parameter). No condition. A part that cannot be read is an error
 * only when no attachment is found elsewhere.
 */
public final class HasAttachment extends GenericMatcher {

    @Override
    public void init() throws MessagingException {
        ConditionSyntax.refuseAny("HasAttachment", getCondition());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return MimeParts.anyPart(mail.getMessage(), HasAttachment::isAttachment) ? mail.getRecipients() : List.of();
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || !MimeParts.fileNames(part).isEmpty();
    }

    @Override
    public String getMatcherInfo() {
        return "HasAttachment Matcher";
    }
}

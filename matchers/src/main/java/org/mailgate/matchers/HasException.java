package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when processing the mail failed with an exception of the class named by the
 * condition or a subclass of it, as recorded by the container in the attribute {@link Mail#MAILET_ERROR}
 * ({@code org.apache.james.MailetError}): {@code HasException=jakarta.mail.internet.AddressException}.
 * The class must be loadable when the matcher starts.
 */
public final class HasException extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasException",
            "the fully qualified name of a Throwable class", "HasException=jakarta.mail.internet.AddressException");

    private Class<?> type;

    @Override
    public void init() throws MessagingException {
        String name = SYNTAX.required(getCondition()).trim();
        Class<?> loaded = load(name);
        if (!Throwable.class.isAssignableFrom(loaded)) {
            throw SYNTAX.malformed(name + " is not a Throwable");
        }
        type = loaded;
    }

    private Class<?> load(String name) throws MessagingException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : context == null ? List.of(getClass().getClassLoader())
                : List.of(context, getClass().getClassLoader())) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            }
        }
        throw SYNTAX.malformed("no class " + name + " can be loaded");
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = AttributeUtils.getAttributeValueFromMail(mail, Mail.MAILET_ERROR).filter(type::isInstance)
                .isPresent();
        return matches ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "HasException Matcher";
    }
}

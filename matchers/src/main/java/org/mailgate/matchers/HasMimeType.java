package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when the content type of the message itself (its top-level {@code Content-Type},
 * parameters left aside; {@code text/plain} when it has none) is one of the types of the condition, a
 * comma-separated list compared without regard to case: {@code HasMimeType=text/plain, text/html}. A
 * {@code Content-Type} that cannot be parsed matches nothing and is logged.
 */
public final class HasMimeType extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("HasMimeType",
            "a list of MIME types without parameters", "HasMimeType=text/plain, text/html");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern BASE_TYPE = Pattern.compile(TOKEN + "/" + TOKEN);

    private Set<String> types;

    @Override
    public void init() throws MessagingException {
        List<String> items = SYNTAX.items(getCondition());
        List<String> bad = items.stream().filter(item -> !BASE_TYPE.matcher(item).matches()).toList();
        if (!bad.isEmpty()) {
            throw SYNTAX.malformed("not a MIME type of the form type/subtype: " + String.join(", ", bad));
        }
        types = items.stream().map(item -> item.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    @SuppressWarnings("deprecation") // through the context: the container logs it, tests record it
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        String contentType = Objects.requireNonNullElse(mail.getMessage().getContentType(), "text/plain");
        try {
            String baseType = new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
            return types.contains(baseType) ? mail.getRecipients() : List.of();
        } catch (ParseException e) {
            getMailetContext().log(LogLevel.WARN, "HasMimeType: " + mail.getName()
                    + " has a Content-Type that cannot be parsed: " + contentType);
            return List.of();
        }
    }

    @Override
    public String getMatcherInfo() {
        return "HasMimeType Matcher";
    }
}

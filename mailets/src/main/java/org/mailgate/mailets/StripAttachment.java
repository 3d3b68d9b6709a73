package org.mailgate.mailets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Finds attachments by file name or MIME type, keeps them as a mail attribute and/or removes them from
 * the message, as James's StripAttachment. Every leaf part of a multipart message is looked at, in
 * nested multiparts too. Parameters (James's):
 * <ul>
 *   <li>{@code pattern}: a part matches when its file name matches this regular expression (whole
 *       name);</li>
 *   <li>{@code notpattern}: a part matches when its file name does not match this one;</li>
 *   <li>{@code mimeType}: a part matches when it is of this type (e.g. {@code text/calendar},
 *       {@code application/*});</li>
 *   <li>{@code remove}: {@code no} (default), {@code matched} (remove matching parts) or {@code all}
 *       (remove every attachment, matching or not);</li>
 *   <li>{@code attribute}: the name of a mail attribute that receives the matching parts, a map from
 *       file name to the part's bytes (headers and encoded body, as James stores them);</li>
 *   <li>{@code decodeFilename} (default false): decode RFC 2047 encoded file names before reporting
 *       them (matching always uses the decoded name);</li>
 *   <li>{@code replaceFilenamePattern}: {@link ReplacingPattern} rules applied to file names before
 *       matching and reporting, e.g. {@code /[^A-Za-z0-9._-]/_/r/}.</li>
 * </ul>
 * At least one of {@code pattern}, {@code notpattern} and {@code mimeType} is required. The file names of
 * removed parts are listed in the attribute {@value #REMOVED_ATTRIBUTE}, as in James. James's
 * {@code directory} is refused: Mailgate does not write attachments to disk.
 *
 * <p>Where Mailgate differs from James: a part without a file name (a message body) is never matched
 * by name, only by {@code mimeType}, and {@code remove=all} removes attachments (parts with a file name
 * or {@code Content-Disposition: attachment}), not the message body; a multipart left empty is removed
 * from its parent (a message left with nothing becomes an empty text/plain message), so the MIME stays
 * valid; a message whose structure cannot be parsed makes the mailet fail instead of passing unstripped.
 * Parts that are not removed are written back byte for byte, and the headers (Message-ID included) are
 * kept.
 */
public final class StripAttachment extends GenericMailet {

    /** The attribute listing the file names of removed parts (James's name). */
    public static final String REMOVED_ATTRIBUTE = "org.apache.james.mailet.standard.mailets.StripAttachment.removed";
    private static final AttributeName REMOVED = AttributeName.of(REMOVED_ATTRIBUTE);

    private enum Remove { NO, MATCHED, ALL }

    /** What became of a multipart: nothing, some change, or every part removed. */
    private enum Outcome { UNCHANGED, CHANGED, EMPTIED }

    private record Removal(MimeMultipart multipart, List<BodyPart> parts) {
    }

    private record Container(Part part, MimeMultipart content) {
    }

    /** Everything a mail gets, worked out before the message is touched. */
    private static final class Plan {
        private final List<Removal> removals = new ArrayList<>();
        private final List<Container> containers = new ArrayList<>();
        private final List<String> removedNames = new ArrayList<>();
        private final Map<String, byte[]> kept = new LinkedHashMap<>();
    }

    private Optional<Pattern> pattern;
    private Optional<Pattern> notPattern;
    private Optional<String> mimeType;
    private Remove remove;
    private Optional<AttributeName> attribute;
    private boolean decodeFilename;
    private List<ReplacingPattern> filenameRules;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("pattern", "notpattern", "mimeType",
                "remove", "directory", "attribute", "decodeFilename", "replaceFilenamePattern"));
        if (parameters.get("directory").isPresent()) {
            throw new MessagingException("parameter directory is not offered: Mailgate does not write attachments"
                    + " to disk; use attribute to keep the stripped attachments with the mail");
        }
        pattern = regex(parameters, "pattern");
        notPattern = regex(parameters, "notpattern");
        mimeType = nonEmpty(parameters, "mimeType");
        if (mimeType.isPresent()) {
            checkMimeType(mimeType.get());
        }
        if (pattern.isEmpty() && notPattern.isEmpty() && mimeType.isEmpty()) {
            throw new MessagingException("StripAttachment needs at least one of pattern, notpattern and mimeType");
        }
        if (pattern.isPresent() && notPattern.isPresent() && pattern.get().pattern().equals(notPattern.get().pattern())) {
            throw new MessagingException("parameters pattern and notpattern are the same regular expression:"
                    + " every name would both match and not match");
        }
        remove = remove(parameters.get("remove").orElse("no"));
        attribute = nonEmpty(parameters, "attribute").map(AttributeName::of);
        decodeFilename = parameters.bool("decodeFilename", false);
        Optional<String> rules = nonEmpty(parameters, "replaceFilenamePattern");
        filenameRules = rules.isEmpty() ? List.of() : ReplacingPattern.parseList("replaceFilenamePattern", rules.get());
    }

    private static Optional<String> nonEmpty(MailetParameters parameters, String name) {
        return parameters.get(name).filter(s -> !s.isEmpty());
    }

    private static Optional<Pattern> regex(MailetParameters parameters, String name) throws MessagingException {
        Optional<String> value = nonEmpty(parameters, name);
        try {
            return value.map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new MessagingException("parameter " + name + " is not a regular expression: " + e.getDescription());
        }
    }

    private static void checkMimeType(String type) throws MessagingException {
        try {
            new ContentType(type);
        } catch (ParseException e) {
            throw new MessagingException("parameter mimeType: '" + type + "' is not a MIME type such as text/calendar");
        }
    }

    private static Remove remove(String value) throws MessagingException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "no" -> Remove.NO;
            case "matched" -> Remove.MATCHED;
            case "all" -> Remove.ALL;
            default -> throw new MessagingException("parameter remove must be no, matched or all, not '" + value + "'");
        };
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (!message.isMimeType("multipart/*")) {
            return;
        }
        Plan plan = new Plan();
        Outcome outcome;
        try {
            Optional<MimeMultipart> multipart = MessageChanges.multipart(message);
            if (multipart.isEmpty()) {
                return;
            }
            outcome = scan(message, multipart.get(), plan);
        } catch (IOException e) {
            throw new MessagingException("StripAttachment cannot read mail " + mail.getName() + ": " + e.getMessage(), e);
        }
        if (outcome != Outcome.UNCHANGED) {
            for (Removal removal : plan.removals) {
                for (BodyPart part : removal.parts()) {
                    removal.multipart().removeBodyPart(part);
                }
            }
            for (Container container : plan.containers) {
                container.part().setContent(container.content());
            }
            if (outcome == Outcome.EMPTIED) {
                message.setText("", "us-ascii");
            }
            MessageChanges.save(mail);
        }
        attribute.filter(name -> !plan.kept.isEmpty()).ifPresent(name -> keep(mail, name, plan.kept));
        if (!plan.removedNames.isEmpty()) {
            listRemoved(mail, plan.removedNames);
        }
    }

    private Outcome scan(Part container, MimeMultipart multipart, Plan plan) throws MessagingException, IOException {
        List<BodyPart> removed = new ArrayList<>();
        boolean changedInside = false;
        int count = multipart.getCount();
        for (int i = 0; i < count; i++) {
            BodyPart part = multipart.getBodyPart(i);
            Optional<MimeMultipart> inner = MessageChanges.multipart(part);
            if (inner.isPresent()) {
                Outcome outcome = scan(part, inner.get(), plan);
                changedInside |= outcome == Outcome.CHANGED;
                if (outcome == Outcome.EMPTIED) {
                    removed.add(part);
                }
            } else if (!part.isMimeType("multipart/*") && decide(part, plan)) {
                removed.add(part);
            }
        }
        if (removed.isEmpty() && !changedInside) {
            return Outcome.UNCHANGED;
        }
        plan.removals.add(new Removal(multipart, removed));
        if (removed.size() == count) {
            return Outcome.EMPTIED;
        }
        plan.containers.add(new Container(container, multipart));
        return Outcome.CHANGED;
    }

    /** Records what happens to a leaf part; true when it is to be removed. */
    private boolean decide(BodyPart part, Plan plan) throws MessagingException, IOException {
        Optional<String> fileName = fileName(part);
        String matchName = fileName.map(StripAttachment::decoded).orElse(null);
        boolean matched = (matchName != null && nameMatches(matchName))
                || (mimeType.isPresent() && part.isMimeType(mimeType.get()));
        boolean attachment = fileName.isPresent() || Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        boolean removeIt = switch (remove) {
            case NO -> false;
            case MATCHED -> matched;
            case ALL -> matched || attachment;
        };
        boolean keepIt = matched && attribute.isPresent();
        if (!keepIt && !removeIt) {
            return false;
        }
        String name = fileName.orElseGet(() -> UUID.randomUUID().toString());
        if (keepIt) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            part.writeTo(bytes);
            plan.kept.put(matchName != null ? matchName : name, bytes.toByteArray());
        }
        if (removeIt) {
            plan.removedNames.add(name);
        }
        return removeIt;
    }

    /**
     * The part's file name as James reports it: decoded when {@code decodeFilename} is set, then
     * rewritten by {@code replaceFilenamePattern}. A name that cannot be parsed gets a random one, as in
     * James, so that it is still treated as an attachment.
     */
    private Optional<String> fileName(BodyPart part) {
        String raw;
        try {
            raw = part.getFileName();
        } catch (MessagingException e) {
            return Optional.of(UUID.randomUUID().toString());
        }
        if (raw == null) {
            return Optional.empty();
        }
        String name = decodeFilename ? decoded(raw) : raw;
        return Optional.of(ReplacingPattern.applyAll(filenameRules, name));
    }

    private static String disposition(BodyPart part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String decoded(String name) {
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    private boolean nameMatches(String name) {
        return pattern.map(p -> p.matcher(name).matches()).orElse(false)
                || notPattern.map(p -> !p.matcher(name).matches()).orElse(false);
    }

    private static void keep(Mail mail, AttributeName name, Map<String, byte[]> parts) {
        Map<String, AttributeValue<?>> map = new LinkedHashMap<>();
        mail.getAttribute(name).map(a -> a.getValue().value()).filter(Map.class::isInstance)
                .ifPresent(existing -> ((Map<?, ?>) existing).forEach((k, v) -> {
                    if (k instanceof String key && v instanceof AttributeValue<?> value) {
                        map.put(key, value);
                    }
                }));
        parts.forEach((file, bytes) -> map.put(file, AttributeValue.of(bytes)));
        mail.setAttribute(new Attribute(name, AttributeValue.of(map)));
    }

    private static void listRemoved(Mail mail, List<String> names) {
        List<AttributeValue<?>> list = new ArrayList<>();
        mail.getAttribute(REMOVED).map(a -> a.getValue().value()).filter(Collection.class::isInstance)
                .ifPresent(existing -> ((Collection<?>) existing).forEach(v -> {
                    if (v instanceof AttributeValue<?> value) {
                        list.add(value);
                    }
                }));
        names.forEach(n -> list.add(AttributeValue.of(n)));
        mail.setAttribute(new Attribute(REMOVED, AttributeValue.of(list)));
    }

    @Override
    public String getMailetInfo() {
        return "StripAttachment";
    }
}

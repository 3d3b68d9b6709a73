package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMatcher;

/**
 * All recipients when a part of the message, at any depth, declares a file name matching one of the
 * masks of the condition, compared without regard to case. Syntax: {@code [-d] [-z] masks}, the masks
 * separated by commas or spaces, each a file name or {@code *} and a suffix:
 * {@code AttachmentFileNameIs=-z *.exe, *.scr, invoice.pdf}.
 * <ul>
 * <li>{@code -z}: also list the entries of every attachment named {@code *.zip} (not recursively) and
 * match their names; a mask without {@code *} matches an entry's full path or its last segment. A
 * {@code .zip} attachment that is not a readable zip archive is an error (unless another part matches).</li>
 * <li>{@code -d}: log each match.</li>
 * </ul>
 * Both the {@code Content-Disposition} {@code filename} and the {@code Content-Type} {@code name} of a
 * part are tested, decoded.
 */
public final class AttachmentFileNameIs extends GenericMatcher {

    private static final ConditionSyntax SYNTAX = new ConditionSyntax("AttachmentFileNameIs",
            "optional flags -d and -z, then file names or *suffix masks", "AttachmentFileNameIs=-z *.exe, *.scr, invoice.pdf");
    private static final String ZIP_SUFFIX = ".zip";

    /** A lower-case file name, or with {@code suffix} the end of one. */
    record Mask(String text, boolean suffix) {

        static Mask parse(String item) throws MessagingException {
            boolean suffix = item.startsWith("*");
            String text = (suffix ? item.substring(1) : item).toLowerCase(Locale.ROOT);
            if (text.contains("*")) {
                throw SYNTAX.malformed("only a leading * is understood, as in *.exe, not '" + item + "'");
            }
            return new Mask(text, suffix);
        }

        boolean matches(String lowerCaseName) {
            return suffix ? lowerCaseName.endsWith(text) : lowerCaseName.equals(text);
        }
    }

    private List<Mask> masks;
    private boolean unzip;
    private boolean debug;

    @Override
    public void init() throws MessagingException {
        List<Mask> parsed = new ArrayList<>();
        for (String item : SYNTAX.items(getCondition())) {
            boolean flag = item.equalsIgnoreCase("-z") || item.equalsIgnoreCase("-d");
            if (flag && !parsed.isEmpty()) {
                throw SYNTAX.malformed("the flag " + item + " must come before the masks");
            }
            if (item.equalsIgnoreCase("-z")) {
                unzip = true;
            } else if (item.equalsIgnoreCase("-d")) {
                debug = true;
            } else {
                parsed.add(Mask.parse(item));
            }
        }
        if (parsed.isEmpty()) {
            throw SYNTAX.malformed("no file name mask in '" + getCondition() + "'");
        }
        masks = List.copyOf(parsed);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return MimeParts.anyPart(mail.getMessage(), part -> partMatches(mail, part)) ? mail.getRecipients() : List.of();
    }

    private boolean partMatches(Mail mail, Part part) throws MessagingException, IOException {
        for (String fileName : MimeParts.fileNames(part)) {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (matches(name)) {
                logMatch(mail, fileName);
                return true;
            }
            if (unzip && name.endsWith(ZIP_SUFFIX) && zipMatches(mail, part, fileName)) {
                return true;
            }
        }
        return false;
    }

    private boolean zipMatches(Mail mail, Part part, String fileName) throws MessagingException, IOException {
        byte[] zip;
        try (InputStream content = part.getInputStream()) {
            zip = content.readAllBytes();
        }
        List<String> entries;
        try {
            entries = ZipEntryNames.of(zip);
        } catch (ZipException e) {
            throw new MessagingException("AttachmentFileNameIs: cannot list the zip attachment " + fileName + ": "
                    + e.getMessage(), e);
        }
        for (String entry : entries) {
            String path = entry.toLowerCase(Locale.ROOT);
            String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            if (matches(path) || matches(last)) {
                logMatch(mail, fileName + " (" + entry + ")");
                return true;
            }
        }
        return false;
    }

    private boolean matches(String lowerCaseName) {
        return masks.stream().anyMatch(mask -> mask.matches(lowerCaseName));
    }

    @SuppressWarnings("deprecation") // through the context: the container logs it, tests record it
    private void logMatch(Mail mail, String what) {
        if (debug) {
            getMailetContext().log(LogLevel.INFO, "AttachmentFileNameIs: " + mail.getName() + " has " + what);
        }
    }

    @Override
    public String getMatcherInfo() {
        return "AttachmentFileNameIs Matcher";
    }
}

package org.mailgate.matchers;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a message's MIME structure for the matchers: a walk over every part, at every depth
 * (multiparts of all kinds and attached messages), and the file names a part declares.
 */
final class MimeParts {

    /** Deeper nesting than this is refused rather than walked: no real mail needs it. */
    static final int MAX_DEPTH = 32;

    /** A test of one part; it may fail on a part it cannot read. */
    @FunctionalInterface
    interface PartTest {
        boolean test(Part part) throws MessagingException, IOException;
    }

    private MimeParts() {
    }

    /**
     * Whether {@code test} holds for the message or any part inside it. A part that cannot be read does
     * not stop the walk; if no part passes, the first such failure is thrown.
     */
    static boolean anyPart(Part message, PartTest test) throws MessagingException {
        Walk walk = new Walk(test);
        if (walk.visit(message, 0)) {
            return true;
        }
        if (walk.failure != null) {
            throw new MessagingException("cannot read a part of the message: " + walk.failure.getMessage(),
                    walk.failure);
        }
        return false;
    }

    /**
     * The file names a part declares, decoded: the {@code filename} of its {@code Content-Disposition}
     * and the {@code name} of its {@code Content-Type} (RFC 2231 and RFC 2047 forms included). Both are
     * given when they differ, since mail readers differ in which they show.
     */
    static List<String> fileNames(Part part) throws MessagingException {
        List<String> names = new ArrayList<>(2);
        String[] disposition = part.getHeader("Content-Disposition");
        if (disposition != null) {
            add(names, new ContentDisposition(MimeUtility.unfold(disposition[0])).getParameter("filename"));
        }
        String[] type = part.getHeader("Content-Type");
        if (type != null) {
            add(names, new ContentType(MimeUtility.unfold(type[0])).getParameter("name"));
        }
        return names;
    }

    private static void add(List<String> names, String raw) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        String name = decodedHeaderValue(raw);
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    /** A header value unfolded, with RFC 2047 encoded words decoded (left as they are if unknown), trimmed. */
    static String decodedHeaderValue(String raw) {
        String unfolded = MimeUtility.unfold(raw);
        try {
            return MimeUtility.decodeText(unfolded).trim();
        } catch (UnsupportedEncodingException e) {
            return unfolded.trim();
        }
    }

    /** Thrown, and not remembered like other failures, when the structure is nested too deep. */
    private static final class TooDeep extends MessagingException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("the MIME structure is nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static final class Walk {
        private final PartTest test;
        private Exception failure;

        Walk(PartTest test) {
            this.test = test;
        }

        boolean visit(Part part, int depth) throws TooDeep {
            if (depth > MAX_DEPTH) {
                throw new TooDeep();
            }
            try {
                if (test.test(part)) {
                    return true;
                }
            } catch (MessagingException | IOException e) {
                remember(e);
            }
            for (Part child : children(part)) {
                if (visit(child, depth + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** The parts of a multipart, or the message attached in a message/rfc822 part. */
        private List<Part> children(Part part) {
            List<Part> children = new ArrayList<>();
            try {
                if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        children.add(multipart.getBodyPart(i));
                    }
                } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part attached) {
                    children.add(attached);
                }
            } catch (MessagingException | IOException e) {
                remember(e);
            }
            return children;
        }

        private void remember(Exception e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}

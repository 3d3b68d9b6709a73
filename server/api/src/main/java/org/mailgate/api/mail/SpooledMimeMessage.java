package org.mailgate.api.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link MimeMessage} whose headers are parsed from the stored header section and whose body stays
 * in its {@link BodySource} until someone reads it. Written out unchanged, it is byte-for-byte what was
 * received: the raw header section (or, once a header changed, the header lines), then the raw body.
 * Only a mailet that replaces the content makes Jakarta Mail re-encode the body.
 */
public final class SpooledMimeMessage extends MimeMessage {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] headerSection;
    private final BodySource body;
    private boolean headersParsed;
    private boolean headersModified;
    private boolean bodyModified;

    /**
     * @param headerSection the header section exactly as stored, including the empty line that ends
     *                      it (absent only when the message has no body)
     */
    public SpooledMimeMessage(byte[] headerSection, BodySource body) throws MessagingException {
        super(SESSION);
        this.headerSection = headerSection;
        this.body = body;
        this.contentStream = new BodyStream(body, 0, body.size());
        this.modified = false;
        this.saved = true;
    }

    /**
     * Headers are parsed on first use: a mailet that only asks whether a header exists (as
     * RemoveMimeHeader does) is answered from the raw bytes.
     */
    private void parseHeaders() throws MessagingException {
        if (!headersParsed) {
            headers = new InternetHeaders(new ByteArrayInputStream(headerSection));
            headersParsed = true;
        }
    }

    /** Whether a field of that name starts a line of the unparsed header section. */
    private boolean mayHaveHeader(String name) {
        int length = headerSection.length;
        int n = name.length();
        for (int lineStart = 0; lineStart < length; ) {
            if (lineStart + n < length && regionMatches(lineStart, name)) {
                int i = lineStart + n;
                while (i < length && (headerSection[i] == ' ' || headerSection[i] == '\t')) {
                    i++;
                }
                if (i < length && headerSection[i] == ':') {
                    return true;
                }
            }
            int next = lineStart;
            while (next < length && headerSection[next] != '\n') {
                next++;
            }
            lineStart = next + 1;
        }
        return false;
    }

    private boolean regionMatches(int offset, String name) {
        for (int i = 0; i < name.length(); i++) {
            int b = headerSection[offset + i] & 0xff;
            if (Character.toLowerCase(b) != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String[] getHeader(String name) throws MessagingException {
        if (!headersParsed && !mayHaveHeader(name)) {
            return null;
        }
        parseHeaders();
        return super.getHeader(name);
    }

    @Override
    public String getHeader(String name, String delimiter) throws MessagingException {
        if (!headersParsed && !mayHaveHeader(name)) {
            return null;
        }
        parseHeaders();
        return super.getHeader(name, delimiter);
    }

    @Override
    public java.util.Enumeration<jakarta.mail.Header> getAllHeaders() throws MessagingException {
        parseHeaders();
        return super.getAllHeaders();
    }

    @Override
    public java.util.Enumeration<jakarta.mail.Header> getMatchingHeaders(String[] names) throws MessagingException {
        parseHeaders();
        return super.getMatchingHeaders(names);
    }

    @Override
    public java.util.Enumeration<jakarta.mail.Header> getNonMatchingHeaders(String[] names)
            throws MessagingException {
        parseHeaders();
        return super.getNonMatchingHeaders(names);
    }

    @Override
    public Enumeration<String> getAllHeaderLines() throws MessagingException {
        parseHeaders();
        return super.getAllHeaderLines();
    }

    @Override
    public Enumeration<String> getMatchingHeaderLines(String[] names) throws MessagingException {
        parseHeaders();
        return super.getMatchingHeaderLines(names);
    }

    @Override
    public Enumeration<String> getNonMatchingHeaderLines(String[] names) throws MessagingException {
        parseHeaders();
        return super.getNonMatchingHeaderLines(names);
    }

    /** The session every spooled message uses: no providers, no properties. */
    public static Session session() {
        return SESSION;
    }

    /** True once a header was set, added or removed. */
    public boolean headersModified() {
        return headersModified;
    }

    /** The original body, if no mailet replaced the content. */
    public Optional<BodySource> unmodifiedBody() {
        return bodyModified ? Optional.empty() : Optional.of(body);
    }

    /** The header section as it would be written now, including the empty separator line. */
    public byte[] currentHeaderSection() throws MessagingException {
        if (!headersModified) {
            return headerSection.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerSection.length + 256);
        writeHeaderLines(out, null);
        return out.toByteArray();
    }

    /** A copy that shares the body source; changes to either do not show in the other. */
    public SpooledMimeMessage copy() throws MessagingException {
        if (bodyModified) {
            throw new IllegalStateException("a message with replaced content is copied through MailCopies");
        }
        return new SpooledMimeMessage(currentHeaderSection(), body);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (bodyModified) {
            saveChanges();
            super.writeTo(out, ignoreList);
            return;
        }
        if (!headersModified && ignoreList == null) {
            out.write(headerSection);
        } else {
            writeHeaderLines(out, ignoreList);
        }
        try (InputStream in = body.open(0)) {
            in.transferTo(out);
        }
        out.flush();
    }

    private void writeHeaderLines(OutputStream out, String[] ignoreList) throws MessagingException {
        try {
            Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
            while (lines.hasMoreElements()) {
                out.write(lines.nextElement().getBytes(StandardCharsets.ISO_8859_1));
                out.write(CRLF);
            }
            out.write(CRLF);
        } catch (IOException e) {
            throw new MessagingException("cannot write headers", e);
        }
    }

    @Override
    public int getSize() {
        return (int) Math.min(Integer.MAX_VALUE, body.size());
    }

    /** Size of the whole message as it would be written now (unless the content was replaced). */
    public long totalSize() throws MessagingException {
        return (headersModified ? currentHeaderSection().length : headerSection.length) + body.size();
    }

    @Override
    public void setHeader(String name, String value) throws MessagingException {
        headersModified = true;
        parseHeaders();
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) throws MessagingException {
        headersModified = true;
        parseHeaders();
        super.addHeader(name, value);
    }

    @Override
    public void removeHeader(String name) throws MessagingException {
        headersModified = true;
        parseHeaders();
        super.removeHeader(name);
    }

    @Override
    public void addHeaderLine(String line) throws MessagingException {
        headersModified = true;
        parseHeaders();
        super.addHeaderLine(line);
    }

    @Override
    public void setDataHandler(DataHandler dataHandler) throws MessagingException {
        parseHeaders();
        bodyModified = true;
        headersModified = true;
        super.setDataHandler(dataHandler);
    }

    /** As Jakarta Mail's, except that a relay does not invent a Date header the sender left out. */
    @Override
    protected void updateHeaders() throws MessagingException {
        parseHeaders();
        headersModified = true;
        boolean hadDate = getHeader("Date") != null;
        super.updateHeaders();
        if (!hadDate) {
            super.removeHeader("Date");
        }
    }

    /** A relay keeps the Message-ID it was given; only a message without one gets a new one. */
    @Override
    protected void updateMessageID() throws MessagingException {
        if (getMessageID() == null) {
            super.updateMessageID();
        }
    }
}

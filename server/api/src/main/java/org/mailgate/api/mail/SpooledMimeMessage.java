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
        this.headers = new InternetHeaders(new ByteArrayInputStream(headerSection));
        this.contentStream = new BodyStream(body, 0, body.size());
        this.modified = false;
        this.saved = true;
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
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) throws MessagingException {
        headersModified = true;
        super.addHeader(name, value);
    }

    @Override
    public void removeHeader(String name) throws MessagingException {
        headersModified = true;
        super.removeHeader(name);
    }

    @Override
    public void addHeaderLine(String line) throws MessagingException {
        headersModified = true;
        super.addHeaderLine(line);
    }

    @Override
    public void setDataHandler(DataHandler dataHandler) throws MessagingException {
        bodyModified = true;
        headersModified = true;
        super.setDataHandler(dataHandler);
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        headersModified = true;
        super.updateHeaders();
    }

    /** A relay keeps the Message-ID it was given; only a message without one gets a new one. */
    @Override
    protected void updateMessageID() throws MessagingException {
        if (getMessageID() == null) {
            super.updateMessageID();
        }
    }
}

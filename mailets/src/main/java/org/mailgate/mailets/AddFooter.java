package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext.LogLevel;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Adds a footer to the text of the message, as James's AddFooter: to a {@code text/plain} or
 * {@code text/html} body, to the first part of a {@code multipart/mixed} or {@code multipart/related}
 * (looking inside it when it is itself a multipart), and to every part of a
 * {@code multipart/alternative}. Parts marked {@code Content-Disposition: attachment} are not touched,
 * nor are signed or encrypted multiparts, nor attached messages.
 *
 * <p>Parameters (at least one is required):
 * <ul>
 *   <li>{@code text}: the footer for plain text parts, on a new line after the text (James's
 *       parameter);</li>
 *   <li>{@code html}: the footer for HTML parts, inserted before {@code </body>} (or at the end). Without
 *       it, HTML parts get the {@code text} footer, HTML-escaped, after a {@code <br />}, with
 *       {@code <br />} for its line breaks, as in James. A Mailgate addition; when only {@code html} is
 *       given, plain text parts are left alone.</li>
 * </ul>
 * James's footer-from-file variant is not offered.
 *
 * <p>Each changed part keeps its charset when it can carry the footer (it becomes UTF-8 otherwise) and
 * its transfer encoding (7bit text that gains non-ASCII characters becomes quoted-printable). Other parts
 * are written back byte for byte, and the message keeps its headers, Message-ID included. A message with
 * no part a footer fits, or one that cannot be changed safely (unknown charset or transfer encoding, text
 * not valid in its charset, unparseable structure), is left unchanged and a line is logged, as James
 * does.
 */
// MailetContext.log(LogLevel, ...) is deprecated in the Mailet API, yet it is the levelled log the
// container routes (and the test context records); RemoteDelivery uses it too.
@SuppressWarnings("deprecation")
public final class AddFooter extends GenericMailet {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
    private static final String HTML_BREAK = "<br />";

    private Optional<String> textFooter;
    private Optional<String> htmlFooter;

    /** A text part and its text with the footer. */
    private record TextEdit(TextBody body, String newText) {
    }

    /** A part whose multipart content changed inside, to be set again so that it is written anew. */
    private record Container(MimePart part, MimeMultipart content) {
    }

    /** The changes worked out before any is made, so that a message is changed entirely or not at all. */
    private static final class Plan {
        private final List<TextEdit> edits = new ArrayList<>();
        private final List<Container> containers = new ArrayList<>();

        void apply() throws MessagingException {
            for (TextEdit edit : edits) {
                edit.body().replace(edit.newText());
            }
            for (Container container : containers) {
                container.part().setContent(container.content());
            }
        }
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), Set.of("text", "html"));
        textFooter = parameters.get("text").filter(s -> !s.isEmpty());
        htmlFooter = parameters.get("html").filter(s -> !s.isEmpty())
                .or(() -> textFooter.map(AddFooter::htmlFromText));
        if (textFooter.isEmpty() && htmlFooter.isEmpty()) {
            throw new MessagingException("AddFooter needs a text or an html footer (parameter text or html)");
        }
    }

    private static String htmlFromText(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return HTML_BREAK + LINE_BREAK.matcher(escaped).replaceAll(HTML_BREAK);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Plan plan = new Plan();
        boolean found;
        try {
            found = plan(message, plan);
        } catch (TextBody.Unsafe | MessagingException e) {
            unchanged(mail, e.getMessage());
            return;
        } catch (IOException e) {
            throw new MessagingException("AddFooter cannot read mail " + mail.getName() + ": " + e.getMessage(), e);
        }
        if (!found) {
            unchanged(mail, "no text or HTML part a footer can be added to");
            return;
        }
        plan.apply();
        MessageChanges.save(mail);
    }

    private void unchanged(Mail mail, String reason) {
        getMailetContext().log(LogLevel.INFO, "AddFooter: unable to add footer to mail " + mail.getName() + ": "
                + reason + "; the message is left unchanged");
    }

    /** Plans the footer for {@code part}; true when some text in it gets one. */
    private boolean plan(MimePart part, Plan plan) throws TextBody.Unsafe, MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return false;
        }
        if (part.isMimeType("text/plain") && textFooter.isPresent()) {
            TextBody body = TextBody.read(part);
            plan.edits.add(new TextEdit(body, withTextFooter(body.text())));
            return true;
        }
        if (part.isMimeType("text/html") && htmlFooter.isPresent()) {
            TextBody body = TextBody.read(part);
            plan.edits.add(new TextEdit(body, withHtmlFooter(body.text())));
            return true;
        }
        boolean mixed = part.isMimeType("multipart/mixed") || part.isMimeType("multipart/related");
        boolean alternative = part.isMimeType("multipart/alternative");
        if (!mixed && !alternative) {
            return false;
        }
        Optional<MimeMultipart> content = MessageChanges.multipart(part);
        if (content.isEmpty() || content.get().getCount() == 0) {
            return false;
        }
        MimeMultipart multipart = content.get();
        boolean changed = false;
        for (int i = 0; i < (mixed ? 1 : multipart.getCount()); i++) {
            changed |= plan((MimePart) multipart.getBodyPart(i), plan);
        }
        if (changed) {
            plan.containers.add(new Container(part, multipart));
        }
        return changed;
    }

    private String withTextFooter(String text) {
        String eol = lineBreakOf(text);
        String footer = LINE_BREAK.matcher(textFooter.orElseThrow()).replaceAll(eol);
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : eol) + footer;
    }

    private String withHtmlFooter(String html) {
        String footer = LINE_BREAK.matcher(htmlFooter.orElseThrow()).replaceAll(lineBreakOf(html));
        int insertAt = html.length();
        Matcher end = BODY_END.matcher(html);
        while (end.find()) {
            insertAt = end.start();
        }
        return html.substring(0, insertAt) + footer + html.substring(insertAt);
    }

    /** The text's own line break (CRLF unless it uses bare LF throughout). */
    private static String lineBreakOf(String text) {
        return text.contains("\n") && !text.contains("\r\n") ? "\n" : "\r\n";
    }

    @Override
    public String getMailetInfo() {
        return "AddFooter Mailet";
    }
}

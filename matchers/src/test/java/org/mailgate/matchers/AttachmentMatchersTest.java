package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.matchers.MatcherFixture.init;
import static org.mailgate.matchers.MatcherFixture.mail;
import static org.mailgate.matchers.MatcherFixture.newMessage;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class AttachmentMatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private static BodyPart text(String text) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }

    private static MimeBodyPart file(String disposition, String fileName, byte[] content) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, "application/octet-stream")));
        part.setDisposition(disposition);
        if (fileName != null) {
            part.setFileName(fileName);
        }
        return part;
    }

    private static MimeBodyPart attachment(String fileName) throws MessagingException {
        return file(Part.ATTACHMENT, fileName, new byte[] {1, 2, 3});
    }

    private static MimeMultipart multipart(String subtype, BodyPart... parts) throws MessagingException {
        MimeMultipart multipart = new MimeMultipart(subtype);
        for (BodyPart part : parts) {
            multipart.addBodyPart(part);
        }
        return multipart;
    }

    private static MimeBodyPart holding(MimeMultipart content) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(content);
        return part;
    }

    private static Mail mailOf(MimeMultipart content) throws MessagingException {
        MimeMessage message = newMessage();
        message.setSubject("files");
        message.setContent(content);
        message.saveChanges();
        return mail(message, "x@corp.example", "y@corp.example");
    }

    private static Mail mailWith(BodyPart... parts) throws MessagingException {
        return mailOf(multipart("mixed", parts));
    }

    /** A message/rfc822 part holding a message with these parts. */
    private static MimeBodyPart attachedMessage(BodyPart... parts) throws MessagingException {
        MimeMessage inner = newMessage();
        inner.setSubject("forwarded");
        inner.setContent(multipart("mixed", parts));
        inner.saveChanges();
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(inner, "message/rfc822");
        return part;
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void hasAttachmentMatchesAPartWithAnAttachmentDisposition() throws Exception {
        var matcher = init(new HasAttachment(), null, context);

        assertThat(matcher.match(mailWith(text("see attached"), file("ATTACHMENT", null, new byte[] {1})))).hasSize(2);
    }

    @Test
    void hasAttachmentMatchesAPartWithAFileNameAtAnyDepth() throws Exception {
        var matcher = init(new HasAttachment(), null, context);
        MimeMultipart signed = multipart("signed",
                holding(multipart("alternative", text("plain"), file(Part.INLINE, "logo.png", new byte[] {1}))),
                text("signature"));

        assertThat(matcher.match(mailOf(signed))).hasSize(2);
        assertThat(matcher.match(mailWith(text("fwd"), attachedMessage(text("inner"), attachment("a.pdf")))))
                .hasSize(2);
    }

    @Test
    void hasAttachmentMatchesNoMessageOfPlainParts() throws Exception {
        var matcher = init(new HasAttachment(), null, context);
        MimeMessage plain = newMessage();
        plain.setText("just text");
        plain.saveChanges();

        assertThat(matcher.match(mailWith(text("one"), text("two")))).isEmpty();
        assertThat(matcher.match(mail(plain, "x@corp.example"))).isEmpty();
    }

    @Test
    void bothReadAMailInTheFormTheSpoolGivesIt() throws Exception {
        Mail stored = FakeMail.builder().recipients("x@corp.example")
                .header("Content-Type", "multipart/mixed; boundary=\"b\"")
                .body("--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                        + "--b\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Disposition: attachment;\r\n filename=\"Tool.EXE\"\r\n\r\nAAAA\r\n--b--\r\n")
                .build();

        assertThat(init(new HasAttachment(), null, context).match(stored)).hasSize(1);
        assertThat(init(new AttachmentFileNameIs(), "*.exe", context).match(stored)).hasSize(1);
        assertThat(init(new AttachmentFileNameIs(), "*.zip", context).match(stored)).isEmpty();
    }

    @Test
    void attachmentFileNameIsMatchesMasksWithoutRegardToCase() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "*.exe, invoice.pdf", context);

        assertThat(matcher.match(mailWith(text("x"), attachment("SETUP.EXE")))).hasSize(2);
        assertThat(matcher.match(mailWith(attachment(" Invoice.PDF ")))).hasSize(2);
    }

    @Test
    void attachmentFileNameIsMatchesNoOtherName() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "*.exe invoice.pdf", context);

        assertThat(matcher.match(mailWith(attachment("setup.exe.txt"), attachment("my-invoice.pdf")))).isEmpty();
        assertThat(matcher.match(mailWith(text("setup.exe")))).isEmpty();
    }

    @Test
    void attachmentFileNameIsReadsEncodedNamesAndBothNameParameters() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "*.exe", context);
        MimeBodyPart typeNameOnly = new MimeBodyPart();
        typeNameOnly.setContent(new byte[] {1}, "application/octet-stream");
        typeNameOnly.setHeader("Content-Type", "application/octet-stream; name=\"tool.EXE\"");
        MimeBodyPart disagreeing = attachment("harmless.txt");
        disagreeing.setHeader("Content-Type", "application/x-msdownload; name=\"harmful.exe\"");
        MimeBodyPart rfc2231 = attachment("x");
        rfc2231.setHeader("Content-Disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.exe");
        MimeBodyPart encodedWord = attachment("x");
        encodedWord.setHeader("Content-Disposition", "attachment; filename=\"=?UTF-8?B?w6lkZS5leGU=?=\"");

        assertThat(matcher.match(mailWith(typeNameOnly))).hasSize(2);
        assertThat(matcher.match(mailWith(disagreeing))).hasSize(2);
        assertThat(matcher.match(mailWith(rfc2231))).hasSize(2);
        assertThat(matcher.match(mailWith(encodedWord))).hasSize(2);
    }

    @Test
    void attachmentFileNameIsLooksInsideAlternativesAndAttachedMessages() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "*.scr", context);
        MimeBodyPart alternative = holding(multipart("alternative", text("plain"), attachment("pic.scr")));

        assertThat(matcher.match(mailWith(text("x"), alternative))).hasSize(2);
        assertThat(matcher.match(mailWith(text("x"), attachedMessage(text("y"), attachment("game.SCR"))))).hasSize(2);
    }

    @Test
    void attachmentFileNameIsListsZipEntriesOnlyWithTheZipFlag() throws Exception {
        var unzipping = init(new AttachmentFileNameIs(), "-z *.exe", context);
        var plain = init(new AttachmentFileNameIs(), "*.exe", context);
        Mail mail = mailWith(text("x"), file(Part.ATTACHMENT, "Archive.ZIP", zip("readme.txt", "bin/Setup.Exe")));

        assertThat(unzipping.match(mail)).hasSize(2);
        assertThat(plain.match(mail)).isEmpty();
    }

    @Test
    void attachmentFileNameIsMatchesAnExactMaskOnTheLastSegmentOfAZipEntry() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "-z,evil.exe", context);

        assertThat(matcher.match(mailWith(file(Part.ATTACHMENT, "a.zip", zip("docs/EVIL.exe"))))).hasSize(2);
        assertThat(matcher.match(mailWith(file(Part.ATTACHMENT, "a.zip", zip("docs/notevil.exe", "evil.exe.txt")))))
                .isEmpty();
    }

    @Test
    void attachmentFileNameIsFailsOnAZipAttachmentItCannotList() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "-z *.exe", context);
        Mail broken = mailWith(file(Part.ATTACHMENT, "a.zip", "not a zip at all".getBytes()));
        Mail brokenAndMatching = mailWith(file(Part.ATTACHMENT, "a.zip", new byte[] {1}), attachment("b.exe"));

        assertThatThrownBy(() -> matcher.match(broken)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("cannot list the zip attachment a.zip");
        assertThat(matcher.match(brokenAndMatching)).hasSize(2);
    }

    @Test
    void attachmentFileNameIsLogsMatchesWithTheDebugFlag() throws Exception {
        var matcher = init(new AttachmentFileNameIs(), "-d -z *.exe", context);

        matcher.match(mailWith(file(Part.ATTACHMENT, "a.zip", zip("x/run.exe"))));

        assertThat(context.logged()).containsExactly("INFO AttachmentFileNameIs: MAIL1 has a.zip (x/run.exe)");
    }

    @Test
    void attachmentFileNameIsRefusesConditionsItCannotHonour() {
        assertThatThrownBy(() -> init(new AttachmentFileNameIs(), null, context))
                .isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("AttachmentFileNameIs needs a condition")
                .hasMessageContaining("e.g. AttachmentFileNameIs=-z *.exe, *.scr, invoice.pdf");
        assertThatThrownBy(() -> init(new AttachmentFileNameIs(), "-z -d", context))
                .hasMessageContaining("AttachmentFileNameIs: no file name mask in '-z -d'");
        assertThatThrownBy(() -> init(new AttachmentFileNameIs(), "*.exe -z", context))
                .hasMessageContaining("AttachmentFileNameIs: the flag -z must come before the masks");
        assertThatThrownBy(() -> init(new AttachmentFileNameIs(), "inv*.pdf", context))
                .hasMessageContaining("AttachmentFileNameIs: only a leading * is understood, as in *.exe, not 'inv*.pdf'");
    }

    @Test
    void matchersRefuseAStructureNestedTooDeep() throws Exception {
        MimeMultipart innermost = multipart("mixed", text("deep"));
        for (int i = 0; i < MimeParts.MAX_DEPTH + 1; i++) {
            innermost = multipart("mixed", holding(innermost));
        }
        Mail deep = mailOf(innermost);
        var matcher = init(new HasAttachment(), null, context);

        assertThatThrownBy(() -> matcher.match(deep)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("nested deeper than 32 levels");
    }
}

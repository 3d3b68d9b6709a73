package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.matchers.MatcherFixture.init;
import static org.mailgate.matchers.MatcherFixture.names;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class HeaderMatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private static FakeMail mail() {
        return FakeMail.builder().sender("a@far.example").recipients("x@corp.example", "y@corp.example");
    }

    private static Mail withSubject(String subject) {
        return mail().header("Subject", subject).build();
    }

    private static void addFor(Mail mail, String recipient, String name, String value) {
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name(name).value(value).build(),
                FakeMail.address(recipient));
    }

    @Test
    void hasHeaderMatchesAHeaderByNameWhateverTheCase() throws Exception {
        var matcher = init(new HasHeader(), "X-Spam-Flag", context);

        assertThat(matcher.match(mail().header("x-spam-flag", "NO").build())).hasSize(2);
    }

    @Test
    void hasHeaderMatchesAnyOfTheHeaderValuesDecodedAndTrimmed() throws Exception {
        var matcher = init(new HasHeader(), "X-Verdict = café au lait", context);

        assertThat(matcher.match(mail().header("X-Verdict", "none").header("X-Verdict", "=?UTF-8?Q?caf=C3=A9_au?=\r\n lait ")
                .build())).hasSize(2);
    }

    @Test
    void hasHeaderMatchesNeitherAMissingHeaderNorAnotherValue() throws Exception {
        var presence = init(new HasHeader(), "X-Spam-Flag", context);
        var value = init(new HasHeader(), "X-Spam-Flag=YES", context);

        assertThat(presence.match(mail().header("X-Spam-Flags", "YES").build())).isEmpty();
        assertThat(value.match(mail().header("X-Spam-Flag", "yes").build())).isEmpty();
        assertThat(value.match(mail().header("X-Spam-Flag", "YES!").build())).isEmpty();
    }

    @Test
    void hasHeaderTakesTheValueAfterTheFirstEqualsSign() throws Exception {
        var matcher = init(new HasHeader(), "X-Query=a=b", context);

        assertThat(matcher.match(mail().header("X-Query", "a=b").build())).hasSize(2);
        assertThat(matcher.match(mail().header("X-Query", "a").build())).isEmpty();
    }

    @Test
    void hasHeaderNeedsEveryHeaderJoinedByPlus() throws Exception {
        var matcher = init(new HasHeader(), "X-Spam-Flag=YES + X-Spam-Level", context);

        assertThat(matcher.match(mail().header("X-Spam-Flag", "YES").header("X-Spam-Level", "***").build())).hasSize(2);
        assertThat(matcher.match(mail().header("X-Spam-Flag", "YES").build())).isEmpty();
        assertThat(matcher.match(mail().header("X-Spam-Level", "***").build())).isEmpty();
    }

    @Test
    void hasHeaderCountsPerRecipientHeadersForTheirRecipientsOnly() throws Exception {
        var matcher = init(new HasHeader(), "X-Spam-Flag=YES+X-Tag", context);
        Mail mail = mail().header("X-Tag", "1").build();
        addFor(mail, "y@corp.example", "x-spam-flag", "YES");
        addFor(mail, "x@corp.example", "X-Spam-Flag", "NO");

        assertThat(names(matcher.match(mail))).containsExactly("y@corp.example");
    }

    @Test
    void hasHeaderRefusesEmptyOrBadElements() {
        assertThatThrownBy(() -> init(new HasHeader(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("HasHeader needs a condition")
                .hasMessageContaining("e.g. HasHeader=X-Spam-Flag=YES+X-Spam-Level");
        assertThatThrownBy(() -> init(new HasHeader(), "X-A++X-B", context))
                .hasMessageContaining("HasHeader: an empty header");
        assertThatThrownBy(() -> init(new HasHeader(), "X-A+", context))
                .hasMessageContaining("HasHeader: an empty header");
        assertThatThrownBy(() -> init(new HasHeader(), "=YES", context))
                .hasMessageContaining("HasHeader: not a header name: ''");
        assertThatThrownBy(() -> init(new HasHeader(), "X Spam=YES", context))
                .hasMessageContaining("HasHeader: not a header name: 'X Spam'");
        assertThatThrownBy(() -> init(new HasHeader(), "X-Spam-Flag=", context))
                .hasMessageContaining("HasHeader: no value after = in 'X-Spam-Flag='");
    }

    @Test
    void hasHeaderWithPrefixMatchesAHeaderNameStartingWithThePrefix() throws Exception {
        var matcher = init(new HasHeaderWithPrefix(), "X-Spam-", context);

        assertThat(matcher.match(mail().header("X-Spam-Score", "3.1").build())).hasSize(2);
    }

    @Test
    void hasHeaderWithPrefixComparesCaseAsJamesDoes() throws Exception {
        var matcher = init(new HasHeaderWithPrefix(), "X-Spam-", context);

        assertThat(matcher.match(mail().header("x-spam-score", "3.1").header("X-Spa", "1").build())).isEmpty();
    }

    @Test
    void hasHeaderWithPrefixMatchesRecipientsWithSuchAPerRecipientHeader() throws Exception {
        var matcher = init(new HasHeaderWithPrefix(), "X-Spam-", context);
        Mail mail = mail().build();
        addFor(mail, "x@corp.example", "X-Spam-Flag", "YES");

        assertThat(names(matcher.match(mail))).containsExactly("x@corp.example");
    }

    @Test
    void hasHeaderWithPrefixNeedsAPrefix() {
        assertThatThrownBy(() -> init(new HasHeaderWithPrefix(), "", context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("HasHeaderWithPrefix needs a condition")
                .hasMessageContaining("e.g. HasHeaderWithPrefix=X-Spam-");
        assertThatThrownBy(() -> init(new HasHeaderWithPrefix(), "X-Spam:", context))
                .hasMessageContaining("HasHeaderWithPrefix: a header name cannot contain ':'");
    }

    @Test
    void subjectIsMatchesTheWholeDecodedSubject() throws Exception {
        var matcher = init(new SubjectIs(), "Réponse automatique", context);

        assertThat(matcher.match(withSubject("=?UTF-8?Q?R=C3=A9ponse_automatique?="))).hasSize(2);
    }

    @Test
    void subjectIsMatchesNeitherAnotherSubjectNorNone() throws Exception {
        var matcher = init(new SubjectIs(), "Out of office", context);

        assertThat(matcher.match(withSubject("Out of office: back monday"))).isEmpty();
        assertThat(matcher.match(withSubject("out of office"))).isEmpty();
        assertThat(matcher.match(mail().build())).isEmpty();
    }

    @Test
    void subjectIsNeedsASubject() {
        assertThatThrownBy(() -> init(new SubjectIs(), null, context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SubjectIs needs a condition").hasMessageContaining("e.g. SubjectIs=");
    }

    @Test
    void subjectStartsWithMatchesTheStartOfTheSubject() throws Exception {
        var matcher = init(new SubjectStartsWith(), "[SPAM]", context);

        assertThat(matcher.match(withSubject("[SPAM] win"))).hasSize(2);
    }

    @Test
    void subjectStartsWithMatchesNeitherAnotherStartNorNoSubject() throws Exception {
        var matcher = init(new SubjectStartsWith(), "[SPAM]", context);

        assertThat(matcher.match(withSubject("Re: [SPAM] win"))).isEmpty();
        assertThat(matcher.match(withSubject("[spam] win"))).isEmpty();
        assertThat(matcher.match(mail().build())).isEmpty();
    }

    @Test
    void subjectStartsWithNeedsAStart() {
        assertThatThrownBy(() -> init(new SubjectStartsWith(), "", context)).isInstanceOf(MessagingException.class)
                .hasMessageStartingWith("SubjectStartsWith needs a condition")
                .hasMessageContaining("e.g. SubjectStartsWith=[SPAM]");
    }

    @Test
    void relayLimitMatchesAtTheLimitAndLogsAWarning() throws Exception {
        var matcher = init(new RelayLimit(), "3", context);
        Mail looping = mail().header("Received", "from a").header("received", "from b").header("RECEIVED", "from c")
                .build();

        assertThat(matcher.match(looping)).hasSize(2);
        assertThat(context.logged()).anyMatch(line -> line.startsWith("WARN RelayLimit: MAIL1 has 3 Received"));
    }

    @Test
    void relayLimitMatchesNoMailBelowTheLimit() throws Exception {
        var matcher = init(new RelayLimit(), "3", context);

        assertThat(matcher.match(mail().header("Received", "from a").header("Received", "from b").build())).isEmpty();
        assertThat(matcher.match(mail().build())).isEmpty();
    }

    @Test
    void relayLimitNeedsAPositiveNumber() {
        assertThatThrownBy(() -> init(new RelayLimit(), "0", context)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("RelayLimit: not a whole number of at least 1: 0")
                .hasMessageContaining("e.g. RelayLimit=30");
        assertThatThrownBy(() -> init(new RelayLimit(), null, context))
                .hasMessageStartingWith("RelayLimit needs a condition");
    }

    @Test
    void sizeGreaterThanComparesTheWholeMessageSize() throws Exception {
        Mail mail = mail().header("Subject", "x").body("a".repeat(2046) + "\r\n").build();
        long size = mail.getMessageSize();

        assertThat(init(new SizeGreaterThan(), Long.toString(size - 1), context).match(mail)).hasSize(2);
        assertThat(init(new SizeGreaterThan(), Long.toString(size), context).match(mail)).isEmpty();
        assertThat(init(new SizeGreaterThan(), "1k", context).match(mail)).hasSize(2);
        assertThat(init(new SizeGreaterThan(), " 3K ", context).match(mail)).isEmpty();
    }

    @Test
    void sizeGreaterThanReadsUnits() throws Exception {
        Mail mail = mail().body("a".repeat(1 << 20) + "\r\n").build();

        assertThat(init(new SizeGreaterThan(), "1m", context).match(mail)).hasSize(2);
        assertThat(init(new SizeGreaterThan(), "1025k", context).match(mail)).isEmpty();
        assertThat(init(new SizeGreaterThan(), "1G", context).match(mail)).isEmpty();
    }

    @Test
    void sizeGreaterThanRefusesWhatIsNotASize() {
        for (String bad : new String[] {"10x", "-1", "0", "1.5m", "k", "10 m"}) {
            assertThatThrownBy(() -> init(new SizeGreaterThan(), bad, context)).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("SizeGreaterThan: not a size: " + bad)
                    .hasMessageContaining("e.g. SizeGreaterThan=10m");
        }
        assertThatThrownBy(() -> init(new SizeGreaterThan(), "99999999999g", context))
                .hasMessageContaining("SizeGreaterThan: size too large: 99999999999g");
        assertThatThrownBy(() -> init(new SizeGreaterThan(), null, context))
                .hasMessageStartingWith("SizeGreaterThan needs a condition");
    }

    @Test
    void hasMimeTypeMatchesTheMessageContentTypeWithoutParameters() throws Exception {
        var matcher = init(new HasMimeType(), "text/plain, TEXT/HTML", context);

        assertThat(matcher.match(mail().header("Content-Type", "Text/HTML; charset=utf-8").build())).hasSize(2);
        assertThat(matcher.match(mail().build())).hasSize(2);
    }

    @Test
    void hasMimeTypeMatchesNoOtherType() throws Exception {
        var matcher = init(new HasMimeType(), "text/plain", context);

        assertThat(matcher.match(mail().header("Content-Type", "multipart/mixed; boundary=b").body("--b--\r\n").build()))
                .isEmpty();
        assertThat(matcher.match(mail().header("Content-Type", "text/plain-ish").build())).isEmpty();
    }

    @Test
    void hasMimeTypeRefusesWhatIsNotAMimeType() {
        assertThatThrownBy(() -> init(new HasMimeType(), "text/plain, text, image/png;x=y", context))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("HasMimeType: not a MIME type of the form type/subtype: text, image/png;x=y")
                .hasMessageContaining("e.g. HasMimeType=text/plain, text/html");
        assertThatThrownBy(() -> init(new HasMimeType(), null, context))
                .hasMessageStartingWith("HasMimeType needs a condition");
    }
}

package org.mailgate.api.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.AddressException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MailgateMail;
import org.mailgate.api.mail.MessageParts;

class DsnRequestTest {

    static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DsnRequest sample() {
        Map<MailAddress, DsnRequest.RecipientRequest> recipients = new LinkedHashMap<>();
        recipients.put(address("bob@example.com"), new DsnRequest.RecipientRequest(
                Optional.of(EnumSet.of(Notify.SUCCESS, Notify.FAILURE)),
                Optional.of(OriginalRecipient.parse("rfc822;Bob+2Btag@Example.COM"))));
        recipients.put(address("carol@example.com"), new DsnRequest.RecipientRequest(
                Optional.of(EnumSet.of(Notify.NEVER)), Optional.empty()));
        recipients.put(address("dave@example.com"), new DsnRequest.RecipientRequest(
                Optional.empty(), Optional.of(OriginalRecipient.parse("x400;c+3DUS+3Ba+3DX"))));
        return new DsnRequest(Optional.of("QQ+2B314159"), Optional.of(Ret.HDRS), recipients);
    }

    static Mail mailWith(List<Attribute> attributes) {
        return MailgateMail.builder("m1").sender(MaybeSender.of(address("alice@example.org")))
                .recipients(List.of(address("bob@example.com"), address("carol@example.com"), address("dave@example.com")))
                .parts(new MessageParts("Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        new ByteArrayBodySource("body\r\n".getBytes(StandardCharsets.US_ASCII))))
                .attributes(attributes).build();
    }

    @Test
    void notifyIsNeverAloneOrAListOfSuccessFailureDelayInAnyCase() {
        assertThat(DsnRequest.parseNotify("never")).containsExactly(Notify.NEVER);
        assertThat(DsnRequest.parseNotify("Success,DELAY,failure"))
                .containsExactlyInAnyOrder(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY);
        assertThatThrownBy(() -> DsnRequest.parseNotify("NEVER,FAILURE"))
                .hasMessage("NOTIFY=NEVER must stand alone, without SUCCESS, FAILURE or DELAY");
        assertThatThrownBy(() -> DsnRequest.parseNotify("SUCCESS,SOMETIMES"))
                .hasMessage("NOTIFY value 'SOMETIMES' is not NEVER, SUCCESS, FAILURE or DELAY");
        assertThatThrownBy(() -> DsnRequest.parseNotify("SUCCESS,")).hasMessageContaining("empty list element");
        assertThatThrownBy(() -> DsnRequest.parseNotify("")).hasMessageStartingWith("NOTIFY needs a value");
    }

    @Test
    void retIsFullOrHdrsAndEnvidIsShortPrintableXtext() {
        assertThat(DsnRequest.parseRet("hdrs")).isEqualTo(Ret.HDRS);
        assertThat(DsnRequest.parseRet("FULL")).isEqualTo(Ret.FULL);
        assertThatThrownBy(() -> DsnRequest.parseRet("BODY")).hasMessage("RET value 'BODY' is not FULL or HDRS");
        assertThat(DsnRequest.checkEnvelopeId("x".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> DsnRequest.checkEnvelopeId("x".repeat(101)))
                .hasMessage("ENVID longer than 100 characters");
        assertThatThrownBy(() -> DsnRequest.checkEnvelopeId("id+0D+0AX-Evil:1"))
                .hasMessage("ENVID must decode to printable US-ASCII");
        assertThatThrownBy(() -> DsnRequest.checkEnvelopeId("a+zz")).hasMessageStartingWith("ENVID is not xtext: ");
    }

    @Test
    void orcptIsAddressTypeAndXtextKeptAsReceived() {
        OriginalRecipient o = OriginalRecipient.parse("RFC822;Bob+2Btag@Example.COM");
        assertThat(o.isRfc822()).isTrue();
        assertThat(o.address()).isEqualTo("Bob+tag@Example.COM");
        assertThat(o.parameter()).isEqualTo("RFC822;Bob+2Btag@Example.COM");
        assertThat(o.field()).isEqualTo("RFC822;Bob+tag@Example.COM");
        assertThatThrownBy(() -> OriginalRecipient.parse("bob@example.com")).hasMessageStartingWith(
                "ORCPT must be address-type;address");
        assertThatThrownBy(() -> OriginalRecipient.parse("rfc 822;bob@example.com")).hasMessageContaining("not an atom");
        assertThatThrownBy(() -> OriginalRecipient.parse("rfc822;")).hasMessageContaining("empty address");
        assertThatThrownBy(() -> OriginalRecipient.parse("rfc822;bob+0A@x")).hasMessageContaining("printable");
        assertThatThrownBy(() -> OriginalRecipient.parse("rfc822;" + "b".repeat(494))).hasMessage(
                "ORCPT longer than 500 characters");
    }

    @Test
    void withoutNotifyFailuresAndDelaysAreReportedButNotSuccess() {
        DsnRequest dsn = sample();
        MailAddress bob = address("bob@example.com");
        MailAddress carol = address("carol@example.com");
        MailAddress dave = address("dave@example.com");
        assertThat(dsn.reportsFailure(bob)).isTrue();
        assertThat(dsn.reportsSuccess(bob)).isTrue();
        assertThat(dsn.reportsDelay(bob)).as("NOTIFY without DELAY").isFalse();
        assertThat(dsn.reportsFailure(carol)).isFalse();
        assertThat(dsn.reportsDelay(carol)).isFalse();
        assertThat(dsn.reportsSuccess(carol)).isFalse();
        assertThat(dsn.reportsFailure(dave)).as("ORCPT only: NOTIFY absent").isTrue();
        assertThat(dsn.reportsDelay(dave)).isTrue();
        assertThat(dsn.reportsSuccess(dave)).isFalse();
        assertThat(DsnRequest.NONE.reportsFailure(bob)).isTrue();
        assertThat(dsn.decodedEnvelopeId()).contains("QQ+314159");
    }

    @Test
    void attributesRoundTripAndJamesMailetsReadTheSameRequest() {
        DsnRequest dsn = sample();
        Mail mail = mailWith(dsn.toAttributes());

        assertThat(DsnRequest.of(mail)).isEqualTo(dsn);
        DsnParameters james = mail.dsnParameters().orElseThrow();
        assertThat(james.getEnvIdParameter()).map(DsnParameters.EnvId::asString).contains("QQ+2B314159");
        assertThat(james.getRetParameter()).contains(Ret.HDRS);
        DsnParameters.RecipientDsnParameters bob = james.getRcptParameters().get(address("bob@example.com"));
        assertThat(bob.getNotifyParameter()).contains(EnumSet.of(Notify.SUCCESS, Notify.FAILURE));
        assertThat(bob.getOrcptParameter()).contains(address("Bob+tag@Example.COM"));
        assertThat(james.getRcptParameters().get(address("carol@example.com")).getNotifyParameter())
                .contains(EnumSet.of(Notify.NEVER));
        assertThat(james.getRcptParameters()).as("x400 ORCPT has no James form").doesNotContainKey(address("dave@example.com"));
    }

    @Test
    void whatAJamesMailetSetsIsWhatTheRequestSays() {
        Mail mail = mailWith(sample().toAttributes());
        mail.setDsnParameters(DsnParameters.builder()
                .envId(DsnParameters.EnvId.of("NEW1"))
                .addRcptParameter(address("bob@example.com"), DsnParameters.RecipientDsnParameters.of(
                        EnumSet.of(Notify.DELAY), address("robert@example.com")))
                .build().orElseThrow());

        DsnRequest dsn = DsnRequest.of(mail);
        assertThat(dsn.envelopeId()).contains("NEW1");
        assertThat(dsn.ret()).isEmpty();
        assertThat(dsn.notify(address("bob@example.com"))).contains(Set.of(Notify.DELAY));
        assertThat(dsn.originalRecipient(address("bob@example.com")))
                .contains(new OriginalRecipient("rfc822", "robert@example.com"));
        assertThat(dsn.notify(address("carol@example.com"))).isEmpty();
    }

    @Test
    void valuesThatBreakTheRfcAreLeftOutWhenRead() {
        Map<String, AttributeValue<?>> notify = new LinkedHashMap<>();
        notify.put("bob@example.com", AttributeValue.of("NEVER,SUCCESS"));
        notify.put("not an address", AttributeValue.of("FAILURE"));
        notify.put("carol@example.com", AttributeValue.of("DELAY"));
        DsnRequest dsn = DsnRequest.fromAttributes(List.of(
                new Attribute(AttributeName.of("dsn-envid"), AttributeValue.of("evil\r\nX-Header: 1")),
                new Attribute(AttributeName.of("dsn-ret"), AttributeValue.of("MAYBE")),
                new Attribute(AttributeName.of("dsn-notify"), AttributeValue.of(notify)),
                new Attribute(AttributeName.of(DsnRequest.ORCPT_AS_RECEIVED), AttributeValue.of(Map.of(
                        "carol@example.com", AttributeValue.of("rfc822;x+0D+0Ay"))))));

        assertThat(dsn.envelopeId()).isEmpty();
        assertThat(dsn.ret()).isEmpty();
        assertThat(dsn.recipients()).containsOnlyKeys(address("carol@example.com"));
        assertThat(dsn.notify(address("carol@example.com"))).contains(Set.of(Notify.DELAY));
        assertThat(dsn.originalRecipient(address("carol@example.com"))).isEmpty();
        assertThat(DsnRequest.fromAttributes(List.of())).isSameAs(DsnRequest.NONE);
    }

    @Test
    void aRecipientWithoutNotifyOrOrcptIsNotKept() {
        DsnRequest dsn = new DsnRequest(Optional.empty(), Optional.empty(), Map.of(address("bob@example.com"),
                new DsnRequest.RecipientRequest(Optional.empty(), Optional.empty())));
        assertThat(dsn.isEmpty()).isTrue();
        assertThat(dsn.toAttributes()).isEmpty();
    }
}

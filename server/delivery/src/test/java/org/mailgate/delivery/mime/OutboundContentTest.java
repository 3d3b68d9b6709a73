package org.mailgate.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.OutgoingMail;
import org.mailgate.api.mail.BodySource;
import org.mailgate.api.mail.ByteArrayBodySource;
import org.mailgate.api.mail.MessageParts;
import org.mailgate.api.mail.QueueId;
import org.mailgate.delivery.RecipientResult;
import org.mailgate.delivery.smtp.Envelope;

class OutboundContentTest {

    static final String PEER = "mx.remote.example[192.0.2.1]:25";
    static final byte[] HEADERS = "From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    static MailAddress address(String s) throws Exception {
        return new MailAddress(s);
    }

    static OutgoingMail mail(MailAddress sender, BodySource body, MailAddress... recipients) {
        return new OutgoingMail(1, new QueueId(1), "m", "outgoing", MaybeSender.of(sender), List.of(recipients), 0,
                Instant.EPOCH, new MessageParts(HEADERS, body), false);
    }

    static OutboundContent plan(OutgoingMail mail, String... offered) {
        return OutboundContent.of(mail, mail.recipients(), Set.of(offered)::contains, PEER);
    }

    static byte[] written(Envelope envelope) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        envelope.content().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void eightBitDataGoesAsItIsWithBody8BitMimeOrConvertedAndSevenBitDataAsItIs() throws Exception {
        byte[] eightBit = "Grüße\r\n".getBytes(StandardCharsets.UTF_8);
        OutgoingMail mail = mail(address("a@example.org"), new ByteArrayBodySource(eightBit), address("b@remote.example"));

        Envelope declared = plan(mail, "8BITMIME").envelope().orElseThrow();
        assertThat(declared.mailParameters()).containsExactly("BODY=8BITMIME");
        assertThat(written(declared)).endsWith(eightBit);

        Envelope converted = plan(mail).envelope().orElseThrow();
        assertThat(converted.mailParameters()).isEmpty();
        assertThat(new String(written(converted), StandardCharsets.US_ASCII))
                .endsWith("Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\n");

        OutgoingMail plain = mail(address("a@example.org"), new ByteArrayBodySource("plain\r\n".getBytes(StandardCharsets.US_ASCII)),
                address("b@remote.example"));
        Envelope unchanged = plan(plain, "8BITMIME").envelope().orElseThrow();
        assertThat(unchanged.mailParameters()).isEmpty();
        assertThat(written(unchanged)).endsWith("\r\n\r\nplain\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void onlyTheRecipientsThatNeedSmtpUtf8AreRefusedByAServerWithoutIt() throws Exception {
        MailAddress rene = new MailAddress("rene@remote.example") {
            private static final long serialVersionUID = 1L;

            @Override
            public String asString() {
                return "rené@remote.example";
            }
        };
        OutgoingMail mail = mail(address("a@example.org"), new ByteArrayBodySource(new byte[0]), rene,
                address("b@remote.example"));

        OutboundContent without = plan(mail, "8BITMIME");
        assertThat(without.envelope().orElseThrow().recipients()).extracting(MailAddress::asString)
                .containsExactly("b@remote.example");
        assertThat(without.envelope().orElseThrow().mailParameters()).isEmpty();
        assertThat(without.refused()).containsExactly(RecipientResult.permanent(rene, "none",
                "5.6.7 SMTPUTF8 is required, but was not offered by host " + PEER));

        OutboundContent with = plan(mail, "8BITMIME", "SMTPUTF8");
        assertThat(with.refused()).isEmpty();
        assertThat(with.envelope().orElseThrow().recipients()).hasSize(2);
        assertThat(with.envelope().orElseThrow().mailParameters()).containsExactly("SMTPUTF8");
    }

    @Test
    void aBodyThatCannotBeReadNowIsATemporaryFailure() throws Exception {
        BodySource broken = new BodySource() {
            @Override
            public long size() {
                return 10;
            }

            @Override
            public InputStream open(long offset) throws IOException {
                throw new IOException("spool file missing");
            }
        };
        OutboundContent content = plan(mail(address("a@example.org"), broken, address("b@remote.example")));
        assertThat(content.envelope()).isEmpty();
        assertThat(content.refused()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecipientResult.Kind.TEMPORARY);
            assertThat(r.detail()).isEqualTo("cannot read the message: spool file missing");
        });
    }
}

package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.junit.jupiter.api.Test;
import org.mailgate.api.delivery.DeliveryErrorAttributes;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMatcherConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class RemoteDeliveryMatchersTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private Matcher init(Matcher matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.of(matcher.getClass().getSimpleName(), condition, context));
        return matcher;
    }

    private static Mail failed(Boolean permanent, Integer code) {
        FakeMail mail = FakeMail.builder().sender("a@corp.example").recipients("b@far.example", "c@far.example");
        if (permanent != null) {
            mail.attribute(new Attribute(DeliveryErrorAttributes.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(permanent)));
        }
        if (code != null) {
            mail.attribute(new Attribute(DeliveryErrorAttributes.DELIVERY_ERROR_CODE, AttributeValue.of(code)));
        }
        return mail.build();
    }

    @Test
    void permanentAndTemporaryErrorsAreToldApart() throws Exception {
        Matcher permanent = init(new IsRemoteDeliveryPermanentError(), null);
        Matcher temporary = init(new IsRemoteDeliveryTemporaryError(), null);

        assertThat(permanent.match(failed(true, 550))).hasSize(2);
        assertThat(temporary.match(failed(true, 550))).isEmpty();
        assertThat(permanent.match(failed(false, 451))).isEmpty();
        assertThat(temporary.match(failed(false, 451))).hasSize(2);
        assertThat(permanent.match(failed(null, null))).isEmpty();
        assertThat(temporary.match(failed(null, null))).as("not a delivery failure at all").isEmpty();
    }

    @Test
    void theSmtpCodeMatchesExactly() throws Exception {
        Matcher code550 = init(new RemoteDeliveryFailedWithSMTPCode(), "550");

        assertThat(code550.match(failed(true, 550))).hasSize(2);
        assertThat(code550.match(failed(true, 554))).isEmpty();
        assertThat(code550.match(failed(true, null))).isEmpty();
    }

    @Test
    void theCodeMustBeAFailureCode() {
        assertThatThrownBy(() -> init(new RemoteDeliveryFailedWithSMTPCode(), "250"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("250");
        assertThatThrownBy(() -> init(new RemoteDeliveryFailedWithSMTPCode(), "five-fifty"))
                .isInstanceOf(MessagingException.class).hasMessageContaining("five-fifty");
    }
}

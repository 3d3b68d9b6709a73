package org.mailgate.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.mailet.FakeMail;
import org.mailgate.testkit.mailet.FakeMailetConfig;
import org.mailgate.testkit.mailet.RecordingMailetContext;

class SetMailAttributeTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    @Test
    void setsEachParameterAsAStringAttributeReplacingAnEarlierValue() throws Exception {
        SetMailAttribute mailet = new SetMailAttribute();
        mailet.init(FakeMailetConfig.of("SetMailAttribute", context)
                .param("org.example.tag", "outbound").param("org.example.level", "3"));
        Mail mail = FakeMail.builder()
                .attribute(new Attribute(AttributeName.of("org.example.tag"), AttributeValue.of("inbound")))
                .attribute(new Attribute(AttributeName.of("org.example.other"), AttributeValue.of(7)))
                .build();

        mailet.service(mail);

        assertThat(mail.getAttribute(AttributeName.of("org.example.tag"))).map(a -> (Object) a.getValue().value())
                .contains("outbound");
        assertThat(mail.getAttribute(AttributeName.of("org.example.level"))).map(a -> (Object) a.getValue().value())
                .contains("3");
        assertThat(mail.getAttribute(AttributeName.of("org.example.other"))).map(a -> (Object) a.getValue().value())
                .contains(7);
    }

    @Test
    void refusesAConfigurationThatSetsNothing() {
        assertThatThrownBy(() -> new SetMailAttribute().init(FakeMailetConfig.of("SetMailAttribute", context)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("sets no attribute");
    }
}

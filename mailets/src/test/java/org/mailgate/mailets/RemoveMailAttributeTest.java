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

class RemoveMailAttributeTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    private static Attribute attribute(String name) {
        return new Attribute(AttributeName.of(name), AttributeValue.of("v"));
    }

    @Test
    void removesEveryListedAttributeAndLeavesTheOthers() throws Exception {
        RemoveMailAttribute mailet = new RemoveMailAttribute();
        mailet.init(FakeMailetConfig.of("RemoveMailAttribute", context).param("name", " a.one , a.two,a.absent "));
        Mail mail = FakeMail.builder().attribute(attribute("a.one")).attribute(attribute("a.two"))
                .attribute(attribute("a.three")).build();

        mailet.service(mail);

        assertThat(mail.attributeNames()).extracting(AttributeName::asString).containsExactly("a.three");
    }

    @Test
    void needsANonEmptyList() {
        assertThatThrownBy(() -> new RemoveMailAttribute().init(FakeMailetConfig.of("R", context)))
                .isInstanceOf(MessagingException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new RemoveMailAttribute().init(FakeMailetConfig.of("R", context).param("name", ", ,")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("no attribute");
    }
}

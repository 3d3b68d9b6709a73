package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.junit.jupiter.api.Test;

class AttributesJsonTest {

    @Test
    void stringAttributesRoundTripWithAwkwardCharacters() {
        List<Attribute> attributes = List.of(
                new Attribute(AttributeName.of("org.apache.james.HELO"), AttributeValue.of("he\"llo\\ \n\t\u0001é")),
                new Attribute(AttributeName.of("quote\"name"), AttributeValue.of("")));
        String json = AttributesJson.write(attributes.stream(), "m");
        assertThat(AttributesJson.read(json)).containsExactlyElementsOf(attributes);
    }

    @Test
    void theFastFormIsTheMailetApisOwn() {
        Attribute a = new Attribute(AttributeName.of("n"), AttributeValue.of("he\"llo\n"));
        assertThat(AttributesJson.write(List.of(a).stream(), "m"))
                .isEqualTo("{\"n\":" + a.getValue().toJson().orElseThrow() + "}");
    }

    @Test
    void theFastFormOfBooleansIsTheMailetApisOwnAndRoundTrips() {
        Attribute a = new Attribute(AttributeName.of("org.apache.james.SMTPIsAuthNetwork"), AttributeValue.of(true));
        Attribute b = new Attribute(AttributeName.of("s"), AttributeValue.of("x"));
        String json = AttributesJson.write(List.of(a, b).stream(), "m");
        assertThat(json).isEqualTo("{\"org.apache.james.SMTPIsAuthNetwork\":" + a.getValue().toJson().orElseThrow()
                + ",\"s\":" + b.getValue().toJson().orElseThrow() + "}");
        assertThat(AttributesJson.read(json)).containsExactly(a, b);
    }

    @Test
    void otherValuesGoThroughTheMailetApi() {
        List<Attribute> attributes = List.of(new Attribute(AttributeName.of("count"), AttributeValue.of(42)),
                new Attribute(AttributeName.of("name"), AttributeValue.of("x")));
        assertThat(AttributesJson.read(AttributesJson.write(attributes.stream(), "m"))).containsExactlyElementsOf(attributes);
    }

    @Test
    void noAttributesIsAnEmptyObject() {
        assertThat(AttributesJson.write(List.<Attribute>of().stream(), "m")).isEqualTo("{}");
        assertThat(AttributesJson.read("{}")).isEmpty();
    }
}

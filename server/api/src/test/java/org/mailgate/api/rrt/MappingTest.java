package org.mailgate.api.rrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class MappingTest {

    private static MailAddress address(String text) throws Exception {
        return new MailAddress(text);
    }

    @Test
    void prefixesGiveTheirKindAndAddressesAreLowerCased() {
        assertThat(Mapping.parse("Alice@Example.COM")).isEqualTo(new Mapping(Mapping.Type.ADDRESS, "alice@example.com"));
        assertThat(Mapping.parse("domain:Example.ORG")).isEqualTo(new Mapping(Mapping.Type.DOMAIN, "example.org"));
        assertThat(Mapping.parse("REGEX:(.*)@a\\.example:${1}@B.example").type()).isEqualTo(Mapping.Type.REGEX);
        assertThat(Mapping.parse("error:550 5.1.1 No Such User")).isEqualTo(Mapping.error("550 5.1.1 No Such User"));
        assertThat(Mapping.parse("forward:carol@example.net").type()).isEqualTo(Mapping.Type.FORWARD);
        assertThat(Mapping.parse("group:team@example.net").type()).isEqualTo(Mapping.Type.GROUP);
        assertThat(Mapping.parse("alias:bob@example.net").type()).isEqualTo(Mapping.Type.ALIAS);
        assertThat(Mapping.parse("  bob  ")).isEqualTo(Mapping.address("bob"));
    }

    @Test
    void writtenFormRoundTrips() {
        for (String text : new String[] {"bob@example.com", "bob", "domain:example.org", "regex:(.*)@x\\.example:${1}@y.example",
                "error:550 Gone", "forward:c@example.net"}) {
            assertThat(Mapping.parse(Mapping.parse(text).asString())).isEqualTo(Mapping.parse(text));
        }
    }

    @Test
    void badMappingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Mapping.parse("bob@")).hasMessageContaining("'bob@' is not an address");
        assertThatThrownBy(() -> Mapping.parse("domain:")).hasMessageContaining("'domain:' needs a value");
        assertThatThrownBy(() -> Mapping.parse("domain:bad domain")).hasMessageContaining("does not name a domain");
        assertThatThrownBy(() -> Mapping.parse("regex:(.*)@x")).hasMessageContaining("regex:<pattern>:<replacement>");
        assertThatThrownBy(() -> Mapping.parse("regex:a:b:c")).hasMessageContaining("exactly one ':'");
        assertThatThrownBy(() -> Mapping.parse("regex:(.*:${1}@y")).hasMessageContaining("invalid pattern");
        assertThatThrownBy(() -> Mapping.parse("error:  ")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Mapping.parse("")).hasMessageContaining("empty mapping");
    }

    @Test
    void rewritingFollowsTheKind() throws Exception {
        MailAddress bob = address("bob.smith@old.example");
        assertThat(Mapping.parse("alice@new.example").rewrite(bob)).contains("alice@new.example");
        assertThat(Mapping.parse("alice").rewrite(bob)).contains("alice@old.example");
        assertThat(Mapping.parse("domain:new.example").rewrite(bob)).contains("bob.smith@new.example");
        assertThat(Mapping.parse("regex:(.*)\\.(.*)@old\\.example:${2}.${1}@new.example").rewrite(bob))
                .contains("smith.bob@new.example");
        assertThat(Mapping.parse("regex:(.*)@other\\.example:${1}@new.example").rewrite(bob)).isEmpty();
        assertThat(Mapping.parse("regex:(.*)\\.smith@.*:${1}").rewrite(bob)).contains("bob@old.example");
        assertThatThrownBy(() -> Mapping.parse("error:550 Gone").rewrite(bob)).isInstanceOf(IllegalStateException.class);
    }
}

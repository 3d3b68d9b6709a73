package org.mailgate.api.rrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class MappingSourceTest {

    @Test
    void addressWildcardDomainAndWildcardUserAreSources() {
        assertThat(MappingSource.parse(" Bob@Example.com ")).isEqualTo(new MappingSource("bob", "example.com"));
        assertThat(MappingSource.parse("*@example.com").isWholeDomain()).isTrue();
        assertThat(MappingSource.parse("postmaster@*").isAnyDomain()).isTrue();
        assertThat(MappingSource.parse("*@example.com").asString()).isEqualTo("*@example.com");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> MappingSource.parse("example.com")).hasMessageContaining("user@domain, *@domain or user@*");
        assertThatThrownBy(() -> MappingSource.parse("bob@")).hasMessageContaining("is not a source");
        assertThatThrownBy(() -> MappingSource.parse("*@*")).hasMessageContaining("every address");
        assertThatThrownBy(() -> MappingSource.parse("b b@example.com")).hasMessageContaining("not a valid source");
    }

    @Test
    void anAddressIsLookedUpExactlyThenInAnyDomainThenByDomain() throws Exception {
        assertThat(MappingSource.lookupOrder(new MailAddress("Bob@Example.com"))).extracting(MappingSource::asString)
                .containsExactly("bob@example.com", "bob@*", "*@example.com");
    }
}

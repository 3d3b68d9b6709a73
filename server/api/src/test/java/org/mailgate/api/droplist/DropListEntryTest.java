package org.mailgate.api.droplist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class DropListEntryTest {

    @Test
    void anAtMakesAnAddressEntryAndItsAbsenceADomainEntry() throws Exception {
        DropListEntry address = DropListEntry.deny(DropListOwner.global(), "Spam@Bad.Example");
        DropListEntry domain = DropListEntry.deny(DropListOwner.global(), "Bad.Example");

        assertThat(address).isEqualTo(DropListEntry.denyAddress(DropListOwner.global(), new MailAddress("spam@bad.example")));
        assertThat(address.type()).isEqualTo(DeniedEntityType.ADDRESS);
        assertThat(domain).isEqualTo(DropListEntry.denyDomain(DropListOwner.global(), Domain.of("bad.example")));
        assertThat(domain.denied()).isEqualTo("bad.example");
    }

    @Test
    void ownersAreNormalisedAndChecked() throws Exception {
        assertThat(new DropListOwner(OwnerScope.DOMAIN, "Corp.Example")).isEqualTo(DropListOwner.domain(Domain.of("corp.example")));
        assertThat(new DropListOwner(OwnerScope.USER, "Bob@Corp.Example"))
                .isEqualTo(DropListOwner.user(new MailAddress("bob@corp.example")));
        assertThatThrownBy(() -> new DropListOwner(OwnerScope.GLOBAL, "corp.example")).hasMessageContaining("no owner name");
        assertThatThrownBy(() -> new DropListOwner(OwnerScope.DOMAIN, "bob@corp.example")).hasMessageContaining("not a domain");
        assertThatThrownBy(() -> new DropListOwner(OwnerScope.USER, "corp.example")).hasMessageContaining("not an address");
    }

    @Test
    void deniedEntitiesAreChecked() {
        assertThatThrownBy(() -> new DropListEntry(DropListOwner.global(), DeniedEntityType.ADDRESS, "bad.example"))
                .hasMessageContaining("not an address");
        assertThatThrownBy(() -> new DropListEntry(DropListOwner.global(), DeniedEntityType.DOMAIN, "a@bad.example"))
                .hasMessageContaining("not a domain");
        assertThatThrownBy(() -> DropListEntry.deny(DropListOwner.global(), "")).hasMessageContaining("not a domain");
    }
}

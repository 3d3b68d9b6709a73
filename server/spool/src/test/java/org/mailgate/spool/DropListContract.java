package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.AddressException;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.mailgate.api.droplist.DropList;
import org.mailgate.api.droplist.DropList.Status;
import org.mailgate.api.droplist.DropListEntry;
import org.mailgate.api.droplist.DropListOwner;

/** What every {@link DropList} does; each implementation's test implements this. */
interface DropListContract {

    DropList dropList();

    DropListOwner CORP = DropListOwner.domain(Domain.of("corp.example"));
    DropListOwner BOB = DropListOwner.user(address("bob@corp.example"));

    static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    default void aDeniedAddressIsBlockedForItsOwnerOnly() {
        assertThat(dropList().add(DropListEntry.deny(BOB, "spam@bad.example"))).isTrue();

        assertThat(dropList().query(BOB, address("spam@bad.example"))).isEqualTo(Status.BLOCKED);
        assertThat(dropList().query(BOB, address("friend@bad.example"))).isEqualTo(Status.ALLOWED);
        assertThat(dropList().query(DropListOwner.user(address("carol@corp.example")), address("spam@bad.example")))
                .isEqualTo(Status.ALLOWED);
        assertThat(dropList().query(CORP, address("spam@bad.example"))).isEqualTo(Status.ALLOWED);
        assertThat(dropList().query(DropListOwner.global(), address("spam@bad.example"))).isEqualTo(Status.ALLOWED);
    }

    @Test
    default void aDeniedDomainBlocksEveryAddressOfItButNotItsSubdomains() {
        dropList().add(DropListEntry.deny(CORP, "bad.example"));

        assertThat(dropList().query(CORP, address("anyone@bad.example"))).isEqualTo(Status.BLOCKED);
        assertThat(dropList().query(CORP, address("anyone@mail.bad.example"))).isEqualTo(Status.ALLOWED);
        assertThat(dropList().query(CORP, address("anyone@good.example"))).isEqualTo(Status.ALLOWED);
    }

    @Test
    default void theGlobalListIsAListOfItsOwn() {
        dropList().add(DropListEntry.deny(DropListOwner.global(), "bad.example"));

        assertThat(dropList().query(DropListOwner.global(), address("x@bad.example"))).isEqualTo(Status.BLOCKED);
        assertThat(dropList().query(CORP, address("x@bad.example"))).isEqualTo(Status.ALLOWED);
    }

    @Test
    default void queriesIgnoreCase() {
        dropList().add(DropListEntry.deny(BOB, "Spam@Bad.Example"));
        assertThat(dropList().query(DropListOwner.user(address("BOB@corp.example")), address("SPAM@BAD.example")))
                .isEqualTo(Status.BLOCKED);
    }

    @Test
    default void entriesAreListedPerOwnerInTheOrderAdded() {
        DropListEntry first = DropListEntry.deny(CORP, "bad.example");
        DropListEntry second = DropListEntry.deny(CORP, "spam@worse.example");
        dropList().add(first);
        dropList().add(DropListEntry.deny(BOB, "other.example"));
        dropList().add(second);

        assertThat(dropList().list(CORP)).containsExactly(first, second);
        assertThat(dropList().list(DropListOwner.global())).isEmpty();
    }

    @Test
    default void addingAnEntryTwiceKeepsOneAndRemovingAnAbsentOneIsFalse() {
        DropListEntry entry = DropListEntry.deny(CORP, "bad.example");
        assertThat(dropList().add(entry)).isTrue();
        assertThat(dropList().add(DropListEntry.deny(CORP, "BAD.example"))).isFalse();
        assertThat(dropList().list(CORP)).hasSize(1);

        assertThat(dropList().remove(entry)).isTrue();
        assertThat(dropList().remove(entry)).isFalse();
        assertThat(dropList().query(CORP, address("x@bad.example"))).isEqualTo(Status.ALLOWED);
        assertThat(dropList().list(CORP)).isEmpty();
    }
}

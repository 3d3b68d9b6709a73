package org.mailgate.spool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailgate.api.rrt.Mapping;
import org.mailgate.api.rrt.MappingEntry;
import org.mailgate.api.rrt.MappingSource;
import org.mailgate.api.rrt.MappingStore;

/** What every {@link MappingStore} does; each implementation's test implements this. */
interface MappingStoreContract {

    MappingStore store();

    MappingSource INFO = MappingSource.parse("info@example.com");

    @Test
    default void addedMappingsAreListedInTheOrderAdded() {
        assertThat(store().add(INFO, Mapping.parse("alice@example.com"))).isTrue();
        assertThat(store().add(MappingSource.parse("*@old.example"), Mapping.parse("domain:example.com"))).isTrue();
        assertThat(store().add(INFO, Mapping.parse("bob@example.net"))).isTrue();

        assertThat(store().list(INFO)).containsExactly(Mapping.parse("alice@example.com"), Mapping.parse("bob@example.net"));
        assertThat(store().list()).extracting(MappingEntry::toString).containsExactly(
                "info@example.com=alice@example.com", "*@old.example=domain:example.com", "info@example.com=bob@example.net");
    }

    @Test
    default void aSourceWithoutMappingsListsNone() {
        store().add(INFO, Mapping.parse("alice@example.com"));
        assertThat(store().list(MappingSource.parse("other@example.com"))).isEmpty();
    }

    @Test
    default void addingTheSameMappingAgainKeepsOne() {
        store().add(INFO, Mapping.parse("alice@example.com"));
        assertThat(store().add(MappingSource.parse("Info@Example.COM"), Mapping.parse("Alice@Example.com"))).isFalse();
        assertThat(store().list()).hasSize(1);
    }

    @Test
    default void removeTakesOnlyThatMapping() {
        store().add(INFO, Mapping.parse("alice@example.com"));
        store().add(INFO, Mapping.parse("bob@example.net"));

        assertThat(store().remove(INFO, Mapping.parse("alice@example.com"))).isTrue();

        assertThat(store().list(INFO)).containsExactly(Mapping.parse("bob@example.net"));
        assertThat(store().remove(INFO, Mapping.parse("alice@example.com"))).isFalse();
    }

    @Test
    default void wildcardSourcesAreSourcesOfTheirOwn() {
        store().add(MappingSource.parse("bob@example.com"), Mapping.parse("one@example.net"));
        store().add(MappingSource.parse("bob@*"), Mapping.parse("two@example.net"));
        store().add(MappingSource.parse("*@example.com"), Mapping.parse("three@example.net"));

        assertThat(store().list(MappingSource.parse("bob@*"))).containsExactly(Mapping.parse("two@example.net"));
        assertThat(store().list(MappingSource.parse("*@example.com"))).containsExactly(Mapping.parse("three@example.net"));
    }

    @Test
    default void everyKindIsKeptAsWritten() {
        Mapping regex = Mapping.parse("regex:(.*)\\.(.*)@Example\\.com:${2}@example.org");
        Mapping error = Mapping.parse("error:550 5.1.1 Gone, Sorry");
        Mapping forward = Mapping.parse("forward:carol@example.net");
        store().add(INFO, regex);
        store().add(INFO, error);
        store().add(INFO, forward);

        assertThat(store().list(INFO)).containsExactly(regex, error, forward);
        assertThat(store().list(INFO).get(1).value()).isEqualTo("550 5.1.1 Gone, Sorry");
    }
}

package org.mailgate.api.rrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class MappingResolverTest {

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Resolution resolve(RecipientRewriteTable table, String recipient) {
        return new MappingResolver(table).resolve(address(recipient));
    }

    private static List<String> rewritten(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Rewritten.class);
        return ((Resolution.Rewritten) resolution).addresses().stream().map(MailAddress::asString).toList();
    }

    private static String failure(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Failed.class);
        return ((Resolution.Failed) resolution).reason();
    }

    @Test
    void anAddressWithoutMappingsIsUnchanged() {
        assertThat(resolve(TableOf.mappings("other@example.com=x@example.com"), "bob@example.com"))
                .isEqualTo(new Resolution.Unchanged());
    }

    @Test
    void anAliasGivesItsTargetsInOrderWithoutDuplicates() {
        assertThat(rewritten(resolve(TableOf.mappings("info@example.com=alice@example.com;bob@example.net;alice@example.com"),
                "Info@Example.com"))).containsExactly("alice@example.com", "bob@example.net");
    }

    @Test
    void aliasesOfAliasesAreFollowedToTheirEnd() {
        RecipientRewriteTable table = TableOf.mappings("a@example.com=b@example.com", "b@example.com=c@example.com;d@example.com",
                "d@example.com=e@example.org");
        assertThat(rewritten(resolve(table, "a@example.com"))).containsExactly("c@example.com", "e@example.org");
    }

    @Test
    void withoutRecursionOnlyTheFirstMappingApplies() {
        RecipientRewriteTable table = TableOf.withSettings(new RewriteSettings(false, 10),
                "a@example.com=b@example.com", "b@example.com=c@example.com");
        assertThat(rewritten(resolve(table, "a@example.com"))).containsExactly("b@example.com");
    }

    @Test
    void theExactAddressWinsOverUserInAnyDomainWhichWinsOverTheWholeDomain() {
        RecipientRewriteTable table = TableOf.mappings("bob@example.com=exact@example.net",
                "bob@*=anydomain@example.net", "*@example.com=catchall@example.net");
        assertThat(rewritten(resolve(table, "bob@example.com"))).containsExactly("exact@example.net");
        assertThat(rewritten(resolve(table, "bob@other.example"))).containsExactly("anydomain@example.net");
        assertThat(rewritten(resolve(table, "carol@example.com"))).containsExactly("catchall@example.net");
    }

    @Test
    void anAliasDomainKeepsTheUserName() {
        RecipientRewriteTable table = TableOf.mappings("*@old.example=domain:new.example");
        assertThat(rewritten(resolve(table, "bob@old.example"))).containsExactly("bob@new.example");
    }

    @Test
    void aBareUserNameKeepsTheDomainOfTheAddressRewritten() {
        RecipientRewriteTable table = TableOf.mappings("sales@example.com=alice");
        assertThat(rewritten(resolve(table, "sales@example.com"))).containsExactly("alice@example.com");
    }

    @Test
    void aRegexRewritesWithItsGroupsAndAMissIsNoMapping() {
        RecipientRewriteTable table = TableOf.mappings("*@example.com=regex:(.*)\\.(.*)@example\\.com:${1}@people.example");
        assertThat(rewritten(resolve(table, "john.smith@example.com"))).containsExactly("john@people.example");
        assertThat(resolve(table, "john@example.com")).isEqualTo(new Resolution.Unchanged());
    }

    @Test
    void aRegexGivingSomethingThatIsNotAnAddressFailsTheRecipient() {
        RecipientRewriteTable table = TableOf.mappings("*@example.com=regex:(.*)@example\\.com:${1}@@x");
        assertThat(failure(resolve(table, "john@example.com"))).contains("not a valid address").contains("john@example.com");
    }

    @Test
    void anErrorMappingFailsTheRecipientWithItsText() {
        RecipientRewriteTable table = TableOf.mappings("gone@example.com=error:550 5.1.1 No longer here");
        assertThat(failure(resolve(table, "gone@example.com"))).isEqualTo("550 5.1.1 No longer here");
    }

    @Test
    void anErrorMappingFurtherDownTheChainFailsTheWholeRecipient() {
        RecipientRewriteTable table = TableOf.mappings("team@example.com=alice@example.com;gone@example.com",
                "gone@example.com=error:550 Gone");
        assertThat(failure(resolve(table, "team@example.com"))).isEqualTo("550 Gone");
    }

    @Test
    void aLoopFailsTheRecipientAndShowsTheChain() {
        RecipientRewriteTable table = TableOf.mappings("a@example.com=b@example.com", "b@example.com=c@example.com",
                "c@example.com=a@example.com");
        assertThat(failure(resolve(table, "a@example.com")))
                .isEqualTo("554 5.4.6 Mapping loop for a@example.com: a@example.com -> b@example.com -> c@example.com"
                        + " -> a@example.com");
    }

    @Test
    void aLoopThroughAliasDomainsIsFound() {
        RecipientRewriteTable table = TableOf.mappings("*@one.example=domain:two.example", "*@two.example=domain:one.example");
        assertThat(failure(resolve(table, "bob@one.example"))).contains("Mapping loop").contains("bob@two.example");
    }

    @Test
    void aMappingToItselfKeepsTheAddressAsAFinalOne() {
        RecipientRewriteTable table = TableOf.mappings("bob@example.com=bob@example.com;archive@example.com",
                "*@example.com=catchall@example.com");
        assertThat(rewritten(resolve(table, "bob@example.com"))).containsExactly("bob@example.com", "catchall@example.com");
        assertThat(rewritten(resolve(table, "carol@example.com"))).containsExactly("catchall@example.com");
    }

    @Test
    void aChainOfMappingLimitRewritesIsResolved() {
        RecipientRewriteTable table = TableOf.withSettings(new RewriteSettings(true, 3),
                "a@example.com=b@example.com", "b@example.com=c@example.com", "c@example.com=d@example.com");
        assertThat(rewritten(resolve(table, "a@example.com"))).containsExactly("d@example.com");
    }

    @Test
    void oneRewriteMoreThanMappingLimitFailsTheRecipient() {
        RecipientRewriteTable table = TableOf.withSettings(new RewriteSettings(true, 3),
                "a@example.com=b@example.com", "b@example.com=c@example.com", "c@example.com=d@example.com",
                "d@example.com=e@example.com");
        assertThat(failure(resolve(table, "a@example.com"))).isEqualTo("554 5.4.6 Too many mappings to process for "
                + "a@example.com (mappingLimit 3): a@example.com -> b@example.com -> c@example.com -> d@example.com -> ...");
        assertThat(rewritten(resolve(table, "b@example.com"))).containsExactly("e@example.com");
    }

    @Test
    void theDefaultLimitEndsALongChain() {
        String[] chain = new String[12];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = "u" + i + "@example.com=u" + (i + 1) + "@example.com";
        }
        assertThat(failure(resolve(TableOf.mappings(chain), "u0@example.com"))).contains("mappingLimit 10");
        assertThat(rewritten(resolve(TableOf.mappings(chain), "u2@example.com"))).containsExactly("u12@example.com");
    }

    @Test
    void theSameAddressReachedByTwoBranchesIsNoLoop() {
        RecipientRewriteTable table = TableOf.mappings("team@example.com=a@example.com;b@example.com",
                "a@example.com=shared@example.com", "b@example.com=shared@example.com");
        assertThat(rewritten(resolve(table, "team@example.com"))).containsExactly("shared@example.com");
    }

    @Test
    void leftOutTypesAreSkippedWithoutFallingBackToTheDomain() {
        RecipientRewriteTable table = TableOf.mappings("bob@example.com=forward:bob@example.net",
                "*@example.com=domain:example.org");
        Resolution resolution = new MappingResolver(table).resolve(address("bob@example.com"),
                EnumSet.complementOf(EnumSet.of(Mapping.Type.FORWARD)));
        assertThat(resolution).isEqualTo(new Resolution.Unchanged());
        assertThat(rewritten(resolve(table, "bob@example.com"))).containsExactly("bob@example.net");
    }
}

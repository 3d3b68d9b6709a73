package org.mailgate.matchers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailgate.matchers.MatcherFixture.init;

import jakarta.mail.MessagingException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.mailet.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailgate.testkit.mailet.RecordingMailetContext;

/** Every matcher of the catalogue says what is wrong with its condition, naming itself. */
class ConditionsTest {

    private final RecordingMailetContext context = new RecordingMailetContext("corp.example");

    static Stream<Supplier<Matcher>> needingACondition() {
        return Stream.of(RecipientIs::new, RecipientIsRegex::new, RecipientDomainIs::new, HostIs::new, SenderIs::new,
                SenderIsRegex::new, SenderDomainIs::new, SMTPAuthUserIs::new, RemoteAddrNotInNetwork::new,
                RelayLimit::new, HasHeader::new, HasHeaderWithPrefix::new, SubjectIs::new, SubjectStartsWith::new,
                SizeGreaterThan::new, AttachmentFileNameIs::new, HasMimeType::new, HasMailAttribute::new,
                HasMailAttributeWithValue::new, HasException::new, TooManyRecipients::new,
                RemoteDeliveryFailedWithSMTPCode::new);
    }

    static Stream<Supplier<Matcher>> takingNoCondition() {
        return Stream.of(SenderIsLocal::new, SenderIsNull::new, SMTPAuthSuccessful::new, SMTPIsAuthNetwork::new,
                SentByMailet::new, HasAttachment::new, IsSingleRecipient::new, All::new, HostIsLocal::new,
                RecipientIsLocal::new, IsRemoteDeliveryPermanentError::new, IsRemoteDeliveryTemporaryError::new);
    }

    @ParameterizedTest
    @MethodSource("needingACondition")
    void aMissingConditionIsRefusedWithAnExample(Supplier<Matcher> create) {
        Matcher matcher = create.get();
        String name = matcher.getClass().getSimpleName();

        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> init(create.get(), missing, context)).isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith(name + " needs a condition: ")
                    .hasMessageContaining(", e.g. " + name + "=");
        }
    }

    @ParameterizedTest
    @MethodSource("takingNoCondition")
    void aConditionIsRefusedWhereNoneIsTaken(Supplier<Matcher> create) {
        String name = create.get().getClass().getSimpleName();

        assertThatThrownBy(() -> init(create.get(), "true", context)).isInstanceOf(MessagingException.class)
                .hasMessage(name + " takes no condition but was given 'true'; write match=\"" + name + "\"");
    }
}

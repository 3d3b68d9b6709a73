package org.mailgate.smtp.hook;

import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.mailgate.api.spf.SpfAttributes;
import org.mailgate.api.spf.SpfChecker;
import org.mailgate.api.spf.SpfQuery;
import org.mailgate.api.spf.SpfResult;
import org.mailgate.api.spf.SpfResult.Result;
import org.mailgate.smtp.hook.config.CheckSpec;
import org.mailgate.smtp.session.MailTransaction;
import org.mailgate.smtp.session.Replies;
import org.mailgate.smtp.session.Reply;
import org.mailgate.smtp.session.SmtpSession;

/**
 * SPF (RFC 7208) as James's {@code SPFHandler}: evaluated once at MAIL, refused at RCPT. {@code fail}
 * gives 550 5.7.23 with the domain's explanation, {@code softfail} too with {@code blockSoftFail},
 * {@code permerror} gives 550 5.7.24 with {@code blockPermError} (the default), {@code temperror} 451
 * 4.7.24. The result goes onto the mail as {@link SpfAttributes} (result, explanation, Received-SPF
 * value), so the {@code SPF} mailet need not ask DNS again. Trusted clients are not checked.
 */
final class SpfCheck implements MailHook, RcptHook {

    private final SpfChecker spf;
    private final CheckSpec.Spf spec;

    SpfCheck(SpfChecker spf, CheckSpec.Spf spec) {
        this.spf = spf;
        this.spec = spec;
    }

    @Override
    public HookResult onMail(SmtpSession session, MailTransaction transaction) {
        if (ClientTrust.isTrusted(session)) {
            return HookResult.DECLINED;
        }
        SpfQuery query = new SpfQuery(session.remote().getAddress(), transaction.sender().asString(""),
                session.helo().orElse(""));
        SpfResult result = spf.check(query);
        transaction.putAttribute(attribute(SpfAttributes.RESULT, result.result().keyword()));
        transaction.putAttribute(attribute(SpfAttributes.EXPLANATION, result.explanation()));
        transaction.putAttribute(attribute(SpfAttributes.HEADER, result.receivedSpf(session.config().helloName())));
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onRcpt(SmtpSession session, MailTransaction transaction, MailAddress recipient) {
        Optional<Result> result = text(transaction, SpfAttributes.RESULT).map(Result::ofKeyword);
        if (result.isEmpty()) {
            return HookResult.DECLINED;
        }
        return switch (result.get()) {
            case FAIL -> refuse(transaction);
            case SOFTFAIL -> spec.blockSoftFail() ? refuse(transaction) : HookResult.DECLINED;
            case PERMERROR -> spec.blockPermError() ? HookResult.reject(Replies.SPF_PERMERROR) : HookResult.DECLINED;
            case TEMPERROR -> HookResult.reject(Replies.SPF_TEMPERROR);
            case NONE, NEUTRAL, PASS -> HookResult.DECLINED;
        };
    }

    private static HookResult refuse(MailTransaction transaction) {
        String explanation = text(transaction, SpfAttributes.EXPLANATION).orElse("")
                .replaceAll("[^\\x20-\\x7e]", "?");
        return HookResult.reject(Reply.of(550, "5.7.23", "SPF validation failed: " + explanation));
    }

    private static Optional<String> text(MailTransaction transaction, String name) {
        return transaction.attribute(name).map(a -> a.getValue().value()).filter(String.class::isInstance)
                .map(String.class::cast);
    }

    private static Attribute attribute(String name, String value) {
        return new Attribute(AttributeName.of(name), AttributeValue.of(value));
    }
}

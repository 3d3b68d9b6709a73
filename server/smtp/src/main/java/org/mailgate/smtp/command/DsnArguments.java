package org.mailgate.smtp.command;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.mailgate.api.dsn.DsnRequest;
import org.mailgate.api.dsn.OriginalRecipient;
import org.mailgate.smtp.session.Reply;

/**
 * The DSN parameters (RFC 3461) of MAIL FROM ({@code RET}, {@code ENVID}) and RCPT TO ({@code NOTIFY},
 * {@code ORCPT}), checked: a bad value gets {@code 501 5.5.4} saying what is wrong (RFC 3461 5.1); a
 * parameter the command does not take, or any of them after HELO instead of EHLO, gets {@code 555 5.5.4}
 * (RFC 5321 4.1.1.11). A parameter given twice is refused by {@link Path} already.
 */
final class DsnArguments {

    /** What MAIL FROM asked for. */
    record MailDsn(Optional<String> envelopeId, Optional<Ret> ret) {
    }

    private DsnArguments() {
    }

    /** Whether {@code keyword} is a DSN parameter of MAIL FROM. */
    static boolean isMailParameter(String keyword) {
        return keyword.equals("RET") || keyword.equals("ENVID");
    }

    /** RET and ENVID of MAIL FROM; other parameters are left to the caller. */
    static MailDsn mail(boolean esmtp, Map<String, String> parameters) throws Path.PathException {
        Optional<String> envelopeId = Optional.empty();
        Optional<Ret> ret = Optional.empty();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "RET" -> ret = Optional.of(checked(esmtp, "RET", () -> DsnRequest.parseRet(value)));
                case "ENVID" -> envelopeId = Optional.of(checked(esmtp, "ENVID", () -> DsnRequest.checkEnvelopeId(value)));
                default -> {
                }
            }
        }
        return new MailDsn(envelopeId, ret);
    }

    /** NOTIFY and ORCPT of RCPT TO, which takes no other parameter. */
    static DsnRequest.RecipientRequest recipient(boolean esmtp, Map<String, String> parameters)
            throws Path.PathException {
        Optional<Set<Notify>> notify = Optional.empty();
        Optional<OriginalRecipient> original = Optional.empty();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "NOTIFY" -> notify = Optional.of(checked(esmtp, "NOTIFY", () -> DsnRequest.parseNotify(value)));
                case "ORCPT" -> original = Optional.of(checked(esmtp, "ORCPT", () -> OriginalRecipient.parse(value)));
                default -> throw unsupported(parameter.getKey());
            }
        }
        return new DsnRequest.RecipientRequest(notify, original);
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T checked(boolean esmtp, String keyword, Parser<T> parser) throws Path.PathException {
        if (!esmtp) {
            throw unsupported(keyword);
        }
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new Path.PathException(Reply.of(501, "5.5.4", e.getMessage()));
        }
    }

    private static Path.PathException unsupported(String keyword) {
        return new Path.PathException(Reply.of(555, "5.5.4", "Unsupported parameter " + keyword));
    }
}

package org.mailgate.mailets;

import jakarta.mail.MessagingException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.mailgate.api.mailet.MailetParameters;

/**
 * Sends the message, unaltered (same headers, same body, same Message-ID, same envelope sender), to
 * other recipients instead of the mail's own.
 *
 * <p>Parameters, with James's names and meanings: {@code forwardTo} or {@code forwardto} (required: a
 * comma-separated list of addresses, which may also name {@code postmaster}, {@code sender},
 * {@code from}, {@code replyTo}, {@code reversePath}, {@code to}, {@code recipients}, {@code unaltered}
 * and {@code null} as the Redirect mailet explains), {@code passThrough} (default false: the original
 * mail is done; true: it goes on to the next mailet), {@code fakeDomainCheck} (default false, as in
 * James's code: when true, a mail whose sender's domain has no mail server is refused with an error)
 * and {@code debug} (default false: when true, each forwarded mail is logged).
 */
public final class Forward extends GenericMailet {

    static final Set<SpecialAddress> SPECIALS = EnumSet.of(SpecialAddress.POSTMASTER, SpecialAddress.SENDER,
            SpecialAddress.FROM, SpecialAddress.REPLY_TO, SpecialAddress.REVERSE_PATH, SpecialAddress.UNALTERED,
            SpecialAddress.RECIPIENTS, SpecialAddress.TO, SpecialAddress.NULL);
    private static final Set<String> PARAMETERS = Set.of("debug", "passThrough", "fakeDomainCheck", "forwardTo",
            "forwardto");

    private RedirectSettings settings;

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(getMailetConfig(), PARAMETERS);
        String forwardTo = AliasedParameter.get(parameters, "forwardTo", "forwardto")
                .orElseThrow(() -> new MessagingException("parameter forwardTo is required"));
        settings = RedirectSettings.builder("Forward")
                .recipients(Optional.of(AddressList.parse("forwardTo", forwardTo, SPECIALS,
                        getMailetContext().getPostmaster())))
                .passThrough(parameters.bool("passThrough", false))
                .fakeDomainCheck(parameters.bool("fakeDomainCheck", false))
                .debug(parameters.bool("debug", false))
                .build();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Redirection.process(getMailetContext(), settings, "forward", mail);
    }

    @Override
    public String getMailetInfo() {
        return "Forward Mailet";
    }
}

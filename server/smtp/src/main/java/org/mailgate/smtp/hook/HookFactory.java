package org.mailgate.smtp.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.api.dns.DnsResolver;
import org.mailgate.smtp.hook.config.CheckSpec;
import org.mailgate.smtp.hook.config.HandlerChain;

/** Builds the hooks of a {@code <handlerchain>} with their collaborators. */
public final class HookFactory {

    private final HookServices services;

    public HookFactory(HookServices services) {
        this.services = services;
    }

    /**
     * The hooks of {@code chain}, in its order.
     *
     * @throws IllegalStateException when a check needs a collaborator this server was not given
     */
    public Hooks build(HandlerChain chain) {
        List<Object> hooks = new ArrayList<>();
        for (CheckSpec spec : chain.checks()) {
            hooks.add(switch (spec) {
                case CheckSpec.Dnsbl dnsbl -> new DnsblCheck(dns("DNSRBLHandler"), dnsbl);
                case CheckSpec.HeloSyntax syntax -> new HeloSyntaxCheck();
                case CheckSpec.ResolvableHelo resolvable -> new HeloAddressCheck(dns("ResolvableEhloHeloHandler"), false);
                case CheckSpec.ReverseEqualsHelo reverse -> new HeloAddressCheck(dns("ReverseEqualsEhloHeloHandler"),
                        true);
                case CheckSpec.ForwardConfirmedReverseDns fcrdns -> new ReverseDnsCheck(
                        dns("ForwardConfirmedReverseDns"));
                case CheckSpec.ValidSenderDomain sender -> new SenderDomainCheck(dns("ValidSenderDomainHandler"));
                case CheckSpec.Spf spf -> new SpfCheck(services.spf().orElseThrow(() -> missing("SPFHandler",
                        "an SPF checker")), spf);
                case CheckSpec.ValidRcpt rcpt -> new ValidRcptCheck(services.users().orElseThrow(() ->
                        missing("ValidRcptHandler", "the account store (Users)")),
                        rcpt.useRewriteTable() ? services.rewrites() : Optional.empty());
            });
        }
        return new Hooks(hooks);
    }

    private DnsResolver dns(String handler) {
        return services.dns().orElseThrow(() -> missing(handler, "DNS"));
    }

    private static IllegalStateException missing(String handler, String what) {
        return new IllegalStateException("the handler " + handler + " of <handlerchain> needs " + what
                + ", which this server was not given");
    }
}

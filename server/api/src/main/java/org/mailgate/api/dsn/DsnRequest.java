package org.mailgate.api.dsn;

import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters.Notify;
import org.apache.mailet.DsnParameters.Ret;
import org.apache.mailet.Mail;

/**
 * The delivery status notifications a sender asked for with the DSN extension (RFC 3461): ENVID and RET
 * of MAIL FROM, NOTIFY and ORCPT of each RCPT TO. It travels with the mail as attributes: James's own
 * ({@code dsn-envid}, {@code dsn-ret}, {@code dsn-notify}, {@code dsn-orcpt}, what
 * {@link Mail#dsnParameters()} reads, so James mailets see the request), plus {@value #ORCPT_AS_RECEIVED}
 * holding each ORCPT exactly as received, which James's model (an {@code rfc822} address only) cannot.
 * Values in the attributes that break RFC 3461 (a mailet may have set anything) are left out, so what a
 * request holds is always safe to relay and to write into a report. James's attributes win: an ORCPT as
 * received is used only while James's {@code dsn-orcpt} for that recipient is absent or names the same
 * address, so a mailet calling {@link Mail#setDsnParameters} replaces every {@code rfc822} ORCPT; one of
 * another address type stays until the mailet also removes {@value #ORCPT_AS_RECEIVED}.
 *
 * @param envelopeId ENVID as received (xtext, at most 100 characters, decoding to printable US-ASCII)
 * @param ret        RET: whether failure reports return the whole message or its headers
 * @param recipients NOTIFY and ORCPT of the recipients that gave either, in the order they were given
 */
public record DsnRequest(Optional<String> envelopeId, Optional<Ret> ret, Map<MailAddress, RecipientRequest> recipients) {

    /** No DSN parameters at all: reports as the server's defaults say. */
    public static final DsnRequest NONE = new DsnRequest(Optional.empty(), Optional.empty(), Map.of());

    /** The longest ENVID accepted (RFC 3461 4.4 and 5.4). */
    public static final int MAX_ENVELOPE_ID = 100;

    /** Mailgate's attribute: recipient to ORCPT exactly as received ({@code addr-type;xtext}). */
    public static final String ORCPT_AS_RECEIVED = "org.mailgate.dsn.orcpt";

    static final AttributeName ENVID = AttributeName.of("dsn-envid");
    static final AttributeName RET = AttributeName.of("dsn-ret");
    static final AttributeName NOTIFY = AttributeName.of("dsn-notify");
    static final AttributeName ORCPT = AttributeName.of("dsn-orcpt");
    static final AttributeName ORCPT_RECEIVED = AttributeName.of(ORCPT_AS_RECEIVED);

    /**
     * NOTIFY and ORCPT of one recipient.
     *
     * @param notifyOn          when to report: {@code NEVER} alone, or some of SUCCESS, FAILURE, DELAY; empty
     *                          when the client did not say
     * @param originalRecipient ORCPT, as received
     */
    public record RecipientRequest(Optional<Set<Notify>> notifyOn, Optional<OriginalRecipient> originalRecipient) {

        public RecipientRequest {
            notifyOn = notifyOn.map(n -> Collections.unmodifiableSet(EnumSet.copyOf(checkNotify(n))));
        }

        /** Whether the recipient gave neither NOTIFY nor ORCPT. */
        public boolean isEmpty() {
            return notifyOn.isEmpty() && originalRecipient.isEmpty();
        }
    }

    /**
     * @throws IllegalArgumentException if the ENVID is not valid
     */
    public DsnRequest {
        envelopeId.ifPresent(DsnRequest::checkEnvelopeId);
        Map<MailAddress, RecipientRequest> copy = new LinkedHashMap<>();
        recipients.forEach((recipient, request) -> {
            if (!request.isEmpty()) {
                copy.put(recipient, request);
            }
        });
        recipients = Collections.unmodifiableMap(copy);
    }

    /**
     * Checks an ENVID value: xtext of at most {@value #MAX_ENVELOPE_ID} characters that decodes to printable
     * US-ASCII (RFC 3461 4.4).
     *
     * @throws IllegalArgumentException saying what is wrong, in words fit for an SMTP reply
     */
    public static String checkEnvelopeId(String xtext) {
        if (xtext.isEmpty()) {
            throw new IllegalArgumentException("ENVID needs a value");
        }
        if (xtext.length() > MAX_ENVELOPE_ID) {
            throw new IllegalArgumentException("ENVID longer than " + MAX_ENVELOPE_ID + " characters");
        }
        String decoded;
        try {
            decoded = XText.decode(xtext);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ENVID is not xtext: " + e.getMessage(), e);
        }
        if (!XText.isPrintableAscii(decoded)) {
            throw new IllegalArgumentException("ENVID must decode to printable US-ASCII");
        }
        return xtext;
    }

    /**
     * Parses a NOTIFY value (RFC 3461 4.1): {@code NEVER}, or a comma-separated list of SUCCESS, FAILURE and
     * DELAY, in any case.
     *
     * @throws IllegalArgumentException saying what is wrong, in words fit for an SMTP reply
     */
    public static Set<Notify> parseNotify(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY needs a value: NEVER, or a list of SUCCESS, FAILURE, DELAY");
        }
        Set<Notify> result = EnumSet.noneOf(Notify.class);
        for (String element : value.split(",", -1)) {
            Notify notify = switch (element.toUpperCase(Locale.ROOT)) {
                case "NEVER" -> Notify.NEVER;
                case "SUCCESS" -> Notify.SUCCESS;
                case "FAILURE" -> Notify.FAILURE;
                case "DELAY" -> Notify.DELAY;
                default -> throw new IllegalArgumentException(element.isEmpty()
                        ? "NOTIFY has an empty list element; separate SUCCESS, FAILURE, DELAY by single commas"
                        : "NOTIFY value '" + element + "' is not NEVER, SUCCESS, FAILURE or DELAY");
            };
            result.add(notify);
        }
        return checkNotify(result);
    }

    private static Set<Notify> checkNotify(Set<Notify> notify) {
        if (notify.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY needs a value: NEVER, or a list of SUCCESS, FAILURE, DELAY");
        }
        if (notify.contains(Notify.NEVER) && notify.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER must stand alone, without SUCCESS, FAILURE or DELAY");
        }
        return notify;
    }

    /**
     * Parses a RET value (RFC 3461 4.3): {@code FULL} or {@code HDRS}, in any case.
     *
     * @throws IllegalArgumentException saying what is wrong, in words fit for an SMTP reply
     */
    public static Ret parseRet(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "FULL" -> Ret.FULL;
            case "HDRS" -> Ret.HDRS;
            default -> throw new IllegalArgumentException(value.isEmpty() ? "RET needs a value: FULL or HDRS"
                    : "RET value '" + value + "' is not FULL or HDRS");
        };
    }

    /** Whether the sender gave no DSN parameter at all. */
    public boolean isEmpty() {
        return envelopeId.isEmpty() && ret.isEmpty() && recipients.isEmpty();
    }

    /** What NOTIFY said for {@code recipient}, if it was given. */
    public Optional<Set<Notify>> notify(MailAddress recipient) {
        return Optional.ofNullable(recipients.get(recipient)).flatMap(RecipientRequest::notifyOn);
    }

    /** Whether a failure of {@code recipient} is reported: without NOTIFY yes (RFC 3461 5.2.6), else if it says FAILURE. */
    public boolean reportsFailure(MailAddress recipient) {
        return notify(recipient).map(n -> n.contains(Notify.FAILURE)).orElse(true);
    }

    /**
     * Whether a delay of {@code recipient} may be reported: without NOTIFY yes (as the server is configured),
     * else only if it says DELAY (RFC 3461 5.2.5).
     */
    public boolean reportsDelay(MailAddress recipient) {
        return notify(recipient).map(n -> n.contains(Notify.DELAY)).orElse(true);
    }

    /** Whether success for {@code recipient} is reported: only if NOTIFY says SUCCESS (RFC 3461 5.2.2, 5.2.3). */
    public boolean reportsSuccess(MailAddress recipient) {
        return notify(recipient).map(n -> n.contains(Notify.SUCCESS)).orElse(false);
    }

    /** ORCPT of {@code recipient}, if it was given. */
    public Optional<OriginalRecipient> originalRecipient(MailAddress recipient) {
        return Optional.ofNullable(recipients.get(recipient)).flatMap(RecipientRequest::originalRecipient);
    }

    /** The ENVID decoded, as an {@code Original-Envelope-Id} report field shows it (RFC 3461 6.3 a). */
    public Optional<String> decodedEnvelopeId() {
        return envelopeId.map(XText::decode);
    }

    /** The request a mail carries in its attributes; {@link #NONE} if it carries none. */
    public static DsnRequest of(Mail mail) {
        return fromAttributes(mail.attributesMap().values());
    }

    /** The request that {@code attributes} hold; values that break RFC 3461 are left out. */
    public static DsnRequest fromAttributes(Collection<Attribute> attributes) {
        Map<AttributeName, AttributeValue<?>> byName = new LinkedHashMap<>();
        attributes.forEach(a -> byName.put(a.getName(), a.getValue()));
        if (!byName.containsKey(ENVID) && !byName.containsKey(RET) && !byName.containsKey(NOTIFY)
                && !byName.containsKey(ORCPT) && !byName.containsKey(ORCPT_RECEIVED)) {
            return NONE;
        }
        Optional<String> envelopeId = string(byName.get(ENVID)).flatMap(lenient(DsnRequest::checkEnvelopeId));
        Optional<Ret> ret = string(byName.get(RET)).flatMap(lenient(DsnRequest::parseRet));
        Map<String, String> notify = stringMap(byName.get(NOTIFY));
        Map<String, String> orcpt = stringMap(byName.get(ORCPT));
        Map<String, String> received = stringMap(byName.get(ORCPT_RECEIVED));
        Set<String> keys = new LinkedHashSet<>(notify.keySet());
        keys.addAll(orcpt.keySet());
        keys.addAll(received.keySet());
        Map<MailAddress, RecipientRequest> recipients = new LinkedHashMap<>();
        for (String key : keys) {
            Optional<MailAddress> recipient = address(key);
            if (recipient.isPresent()) {
                Optional<Set<Notify>> n = Optional.ofNullable(notify.get(key)).flatMap(lenient(DsnRequest::parseNotify));
                recipients.put(recipient.get(), new RecipientRequest(n,
                        originalRecipient(orcpt.get(key), received.get(key))));
            }
        }
        return new DsnRequest(envelopeId, ret, recipients);
    }

    /**
     * The ORCPT as received, unless a mailet has since put another address into James's attribute: then
     * James's, as an {@code rfc822} address.
     */
    private static Optional<OriginalRecipient> originalRecipient(String james, String asReceived) {
        Optional<OriginalRecipient> received = Optional.ofNullable(asReceived).flatMap(lenient(OriginalRecipient::parse));
        if (james == null) {
            return received;
        }
        Optional<MailAddress> jamesAddress = address(james);
        if (jamesAddress.isEmpty()) {
            return received;
        }
        if (received.isPresent() && received.get().isRfc822()
                && address(received.get().address()).equals(jamesAddress)) {
            return received;
        }
        return lenient(OriginalRecipient::rfc822).apply(jamesAddress.get().asString());
    }

    /** The attributes that carry this request on a mail. */
    public List<Attribute> toAttributes() {
        List<Attribute> attributes = new ArrayList<>(5);
        envelopeId.ifPresent(id -> attributes.add(new Attribute(ENVID, AttributeValue.of(id))));
        ret.ifPresent(r -> attributes.add(new Attribute(RET, AttributeValue.of(r.name()))));
        Map<String, AttributeValue<?>> notify = new LinkedHashMap<>();
        Map<String, AttributeValue<?>> orcpt = new LinkedHashMap<>();
        Map<String, AttributeValue<?>> received = new LinkedHashMap<>();
        recipients.forEach((recipient, request) -> {
            String key = recipient.asString();
            request.notifyOn().ifPresent(n -> notify.put(key, AttributeValue.of(String.join(",",
                    n.stream().map(Notify::name).toList()))));
            request.originalRecipient().ifPresent(o -> {
                received.put(key, AttributeValue.of(o.parameter()));
                if (o.isRfc822()) {
                    address(o.address()).ifPresent(a -> orcpt.put(key, AttributeValue.of(a.asString())));
                }
            });
        });
        if (!notify.isEmpty()) {
            attributes.add(new Attribute(NOTIFY, AttributeValue.of(notify)));
        }
        if (!orcpt.isEmpty()) {
            attributes.add(new Attribute(ORCPT, AttributeValue.of(orcpt)));
        }
        if (!received.isEmpty()) {
            attributes.add(new Attribute(ORCPT_RECEIVED, AttributeValue.of(received)));
        }
        return attributes;
    }

    private static Optional<String> string(AttributeValue<?> value) {
        return value != null && value.value() instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Map<String, String> stringMap(AttributeValue<?> value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value != null && value.value() instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k instanceof String key && v instanceof AttributeValue<?> av && av.value() instanceof String s) {
                    result.put(key, s);
                }
            });
        }
        return result;
    }

    private static Optional<MailAddress> address(String text) {
        try {
            return Optional.of(new MailAddress(text));
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static <T> Function<String, Optional<T>> lenient(Function<String, T> parser) {
        return text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        };
    }
}

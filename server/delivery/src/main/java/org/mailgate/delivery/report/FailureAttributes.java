package org.mailgate.delivery.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.mailgate.api.delivery.DeliveryErrorAttributes;

/**
 * James's attributes ({@link DeliveryErrorAttributes}) on mail sent to {@code bounceProcessor}. Failed
 * recipients go there together; the mail counts as a permanent failure when any of them failed
 * permanently, and the reason and code are those of the first such recipient.
 */
public final class FailureAttributes {

    private FailureAttributes() {
    }

    /** The attributes of a mail whose {@code failed} recipients go to the bounce processor together. */
    public static List<Attribute> of(List<SenderReports.RecipientProblem> failed) {
        boolean permanent = failed.stream().anyMatch(f -> !f.expired());
        List<SenderReports.RecipientProblem> deciding = failed.stream().filter(f -> f.expired() != permanent).toList();
        SenderReports.RecipientProblem first = deciding.get(0);
        List<Attribute> attributes = new ArrayList<>(3);
        attributes.add(new Attribute(DeliveryErrorAttributes.DELIVERY_ERROR, AttributeValue.of(first.detail())));
        Optional<Integer> code = deciding.stream().map(f -> ReplyStatus.of(f.detail()).code())
                .flatMap(Optional::stream).findFirst();
        code.ifPresent(c -> attributes.add(new Attribute(DeliveryErrorAttributes.DELIVERY_ERROR_CODE, AttributeValue.of(c))));
        attributes.add(new Attribute(DeliveryErrorAttributes.IS_DELIVERY_PERMANENT_ERROR, AttributeValue.of(permanent)));
        return attributes;
    }
}

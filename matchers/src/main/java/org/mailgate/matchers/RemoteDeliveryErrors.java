package org.mailgate.matchers;

import java.util.Optional;
import org.apache.mailet.Mail;
import org.mailgate.api.delivery.DeliveryErrorAttributes;

/** Reads the attributes remote delivery puts on mail it sends to its {@code bounceProcessor}. */
final class RemoteDeliveryErrors {

    private RemoteDeliveryErrors() {
    }

    static Optional<Boolean> permanent(Mail mail) {
        return mail.getAttribute(DeliveryErrorAttributes.IS_DELIVERY_PERMANENT_ERROR)
                .map(a -> a.getValue().value()).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    static Optional<Integer> code(Mail mail) {
        return mail.getAttribute(DeliveryErrorAttributes.DELIVERY_ERROR_CODE)
                .map(a -> a.getValue().value()).filter(Integer.class::isInstance).map(Integer.class::cast);
    }
}

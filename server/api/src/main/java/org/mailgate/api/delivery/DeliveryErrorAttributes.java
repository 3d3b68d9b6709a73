package org.mailgate.api.delivery;

import org.apache.mailet.AttributeName;

/**
 * James's names of the attributes remote delivery sets on mail it sends to {@code bounceProcessor}, read
 * by the matchers {@code IsRemoteDeliveryPermanentError}, {@code IsRemoteDeliveryTemporaryError} and
 * {@code RemoteDeliveryFailedWithSMTPCode}.
 */
public final class DeliveryErrorAttributes {

    /** Why delivery failed: the remote server's reply or the local reason (String). */
    public static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    /** The remote server's SMTP reply code, when one answered (Integer). */
    public static final AttributeName DELIVERY_ERROR_CODE = AttributeName.of("delivery-error-code");
    /** True for a permanent failure (5xx, no such domain), false when retries ran out (Boolean). */
    public static final AttributeName IS_DELIVERY_PERMANENT_ERROR = AttributeName.of("is-delivery-permanent-error");

    private DeliveryErrorAttributes() {
    }
}

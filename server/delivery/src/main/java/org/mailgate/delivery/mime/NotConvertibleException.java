package org.mailgate.delivery.mime;

/** A message with 8-bit data that cannot be converted to 7-bit; the message says where and why. */
public final class NotConvertibleException extends Exception {

    private static final long serialVersionUID = 1L;

    NotConvertibleException(String reason) {
        super(reason);
    }
}

package org.mailgate.smtp.tls;

/** Key material that cannot be used; {@link #setting()} says which configuration element is at fault. */
public final class KeyMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The configuration element a failure points at. */
    public enum Setting { KEYSTORE, SECRET, PRIVATE_KEY, CERTIFICATES }

    private final Setting setting;

    public KeyMaterialException(Setting setting, String message) {
        super(message);
        this.setting = setting;
    }

    public KeyMaterialException(Setting setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}

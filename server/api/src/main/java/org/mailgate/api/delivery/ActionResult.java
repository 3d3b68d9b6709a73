package org.mailgate.api.delivery;

/** What became of one entry an operator acted on. */
public enum ActionResult {
    /** Done, and durable. */
    APPLIED,
    /** No such entry in that queue. */
    NO_SUCH_ENTRY,
    /** Delivery is attempting it at this moment: left to its attempt, try again later. */
    UNDER_DELIVERY,
    /** The action does not apply to it as it is (releasing an entry not held, flushing a held one). */
    UNCHANGED
}

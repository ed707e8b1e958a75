package app.rapport.mailbox;

/** Whether a message came from a customer to the shop, or from the shop to a customer. */
public enum Direction {
    INBOUND, OUTBOUND
}

package app.rapport.customers;

import app.rapport.mailbox.Direction;

/**
 * A threaded message is now tied to the customer it is from (inbound) or to (outbound). {@code customerId} is
 * null when the message concerns no customer (automatic mail, newsletters, the owner writing to themselves).
 */
public record MessageAttributed(long messageId, long conversationId, Long customerId, Direction direction) {
}

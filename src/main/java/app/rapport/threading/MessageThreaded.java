package app.rapport.threading;

import app.rapport.mailbox.Direction;

/** A stored message now belongs to a conversation. */
public record MessageThreaded(long messageId, long conversationId, Direction direction) {
}

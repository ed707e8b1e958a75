package app.rapport.mailbox;

/** A message's raw bytes and parsed record are durably stored; published once per stored message. */
public record MessageStored(long messageId, Direction direction) {
}

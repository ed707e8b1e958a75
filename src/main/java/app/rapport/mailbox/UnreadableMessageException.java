package app.rapport.mailbox;

/** A message whose headers cannot be read at all; its raw bytes are kept and it is quarantined. */
public class UnreadableMessageException extends RuntimeException {
    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package app.rapport.drafting;

/** What the owner wrote cannot be sent as it is (an empty subject, a line break in it); the message says why. */
public class InvalidDraftException extends IllegalArgumentException {
    public InvalidDraftException(String message) {
        super(message);
    }
}

package app.rapport.outbox;

/** A value of the reply cannot go into a header as it is (a line break, or more than one address). */
public class UnsafeHeaderException extends IllegalStateException {

    UnsafeHeaderException(String message) {
        super(message);
    }
}

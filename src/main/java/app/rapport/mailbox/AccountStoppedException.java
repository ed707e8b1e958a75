package app.rapport.mailbox;

/** An account that Rapport stopped reading because going on could duplicate or lose mail. */
public class AccountStoppedException extends RuntimeException {
    AccountStoppedException(String message) {
        super(message);
    }
}

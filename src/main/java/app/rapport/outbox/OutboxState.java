package app.rapport.outbox;

/** Where a reply stands on its way out. */
public enum OutboxState {
    /** Approved, waiting out the undo window. */
    QUEUED,
    /** The owner pressed Undo in time. */
    CANCELLED,
    /** Being handed to the SMTP server now. */
    SENDING,
    /** The server accepted it. */
    SENT,
    /** A temporary failure; it will be tried again. */
    RETRYING,
    /** The server refused it for good, or retries ran out; the reason is recorded. */
    FAILED,
    /** Rapport stopped while sending: it may or may not have left, so it is never resent automatically. */
    UNKNOWN;

    public boolean pending() {
        return this == QUEUED || this == SENDING || this == RETRYING;
    }
}

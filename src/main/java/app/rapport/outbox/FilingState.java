package app.rapport.outbox;

/**
 * What became of the steps after a reply was accepted: the copy in the Sent folder and {@code \Answered} on the
 * customer's message. They are retried on their own, so a failure here never sends the reply again.
 */
public enum FilingState {
    /** Still to do. */
    PENDING,
    /** Being filed now (claimed, so two rounds never file the same reply at once). */
    FILING,
    /** Failed for now; tried again later. */
    RETRYING,
    /** The copy is in the Sent folder (or the provider files it itself) and the original is marked answered. */
    FILED,
    /** Gave up after the last attempt; the reason is recorded. */
    FAILED
}

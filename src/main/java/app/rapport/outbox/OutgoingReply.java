package app.rapport.outbox;

import java.time.Instant;

/**
 * A reply in the outbox. {@code messageId} is fixed at approval, so any retry sends the same message.
 * {@code filing} is null until the reply is sent, then tells whether its copy is filed and the original marked.
 */
public record OutgoingReply(long id, long draftId, long conversationId, String messageId, String toAddress,
                            String subject, OutboxState state, int attempts, Instant sendAfter, String lastError,
                            Instant createdAt, Instant sentAt, FilingState filing, String filingError) {

    /** Whether the owner has to decide: the reply may or may not have left. */
    public boolean needsDecision() {
        return state == OutboxState.UNKNOWN;
    }
}

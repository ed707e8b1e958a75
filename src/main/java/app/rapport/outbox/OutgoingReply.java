package app.rapport.outbox;

import java.time.Instant;

/** A reply in the outbox. {@code messageId} is fixed at approval, so any retry sends the same message. */
public record OutgoingReply(long id, long draftId, long conversationId, String messageId, String toAddress,
                            String subject, OutboxState state, int attempts, Instant sendAfter, String lastError,
                            Instant createdAt, Instant sentAt) {
}

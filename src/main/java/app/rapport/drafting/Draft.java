package app.rapport.drafting;

import java.time.Instant;

/**
 * A reply the owner has not sent yet.
 *
 * @param replyToMessageId the stored message this draft answers
 * @param intent           what the customer's message is about (thanks, sizing, late-order…)
 * @param template         the template file the draft was written from
 */
public record Draft(long id, long conversationId, long replyToMessageId, Long customerId, DraftState state,
                    String intent, String template, String toAddress, String subject, String text, String html,
                    Instant createdAt, Instant updatedAt) {
}

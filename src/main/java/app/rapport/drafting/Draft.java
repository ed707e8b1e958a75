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

    /**
     * A note Rapport suggested on its own (a welcome, a check-in, an occasion, a season) or an apology: written from
     * its own reasons rather than as an answer to the customer's message, so it has no other wording to offer.
     */
    public boolean unprompted() {
        return template != null && (template.endsWith("-note") || template.equals("apology"));
    }
}

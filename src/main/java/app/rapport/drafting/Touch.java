package app.rapport.drafting;

/**
 * A personal touch in a draft: one sentence built from one remembered fact, with the email it came from.
 *
 * @param factId    the remembered fact, or null when the touch was found in a model's draft without one
 * @param messageId the customer's email the fact was read from
 * @param removed   whether the owner took it out of the draft
 */
public record Touch(long id, long draftId, Long factId, Long messageId, String kind, String text, boolean removed) {
}

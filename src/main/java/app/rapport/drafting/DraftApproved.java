package app.rapport.drafting;

/** The owner approved a draft: it is to be sent exactly once. */
public record DraftApproved(long draftId) {
}

package app.rapport.drafting;

/** Whether a message needs a reply, and why (shown in the conversation). */
public record ReplyDecision(long messageId, boolean needsReply, String reason) {
}

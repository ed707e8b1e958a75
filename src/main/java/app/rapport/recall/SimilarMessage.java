package app.rapport.recall;

import java.time.Instant;

/** A past message that reads like the one at hand, found by "more like this" over the index. */
public record SimilarMessage(long messageId, long conversationId, String subject, String from, Instant date,
                             String excerpt, float score) {
}

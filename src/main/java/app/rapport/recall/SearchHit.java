package app.rapport.recall;

import java.time.Instant;

/**
 * One message that matched a search.
 *
 * @param snippet the best passage of the message with matches wrapped in {@code <mark>}; every other character
 *                is HTML-escaped, so it can be shown as HTML
 */
public record SearchHit(long messageId, long conversationId, String subject, String from, Instant date,
                        String snippet) {
}

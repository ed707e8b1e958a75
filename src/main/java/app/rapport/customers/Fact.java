package app.rapport.customers;

import java.time.Instant;

/**
 * One remembered fact and where it came from.
 *
 * @param customerId    the customer (address) it was learnt from
 * @param originalValue what Rapport had found, when the owner corrected it; else null
 * @param when          when it happens or happened, in the customer's words, or null
 * @param sentence      the sentence it was read from, or null for a fact the owner added
 * @param messageId     the message that sentence is in, or null for a fact the owner added
 * @param saidAt        when it was written (or added)
 */
public record Fact(long id, long customerId, FactKind kind, String value, String originalValue, String when,
                   String sentence, Long messageId, Instant saidAt, double confidence, FactState state) {

    /** A suggestion sure enough to show before the owner has looked at it. */
    public static final double STRONG = 0.75;

    public boolean strong() {
        return confidence >= STRONG;
    }
}

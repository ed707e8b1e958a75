package app.rapport.recall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.rapport.customers.Customer;
import app.rapport.customers.Fact;

/**
 * What to remember when replying to one message: the customer, their facts (vouched for by the owner first, then
 * strong suggestions, each group by relevance to the message and recency), their earlier conversations, and past
 * messages that read alike — theirs and other people's.
 */
public record Recollection(Optional<Customer> customer, List<Fact> facts, List<EarlierConversation> earlier,
                           List<SimilarMessage> similarFromCustomer, List<SimilarMessage> similarFromOthers) {

    /** An earlier conversation with the customer, summarised by subject, date and the first lines they wrote. */
    public record EarlierConversation(long conversationId, String subject, Instant startedAt, Instant lastMessageAt,
                                      int messageCount, String firstLines) {
    }

    static Recollection none() {
        return new Recollection(Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }
}

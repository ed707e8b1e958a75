package app.rapport.customers;

import java.time.Instant;

/** A line of the customer list: the person, how many messages concern them, and the latest one's date (or null). */
public record CustomerSummary(Customer customer, long messages, Instant lastMessageAt) {
}

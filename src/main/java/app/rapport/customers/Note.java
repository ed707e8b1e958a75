package app.rapport.customers;

import java.time.Instant;

/** A free note the owner wrote about a customer. */
public record Note(long id, long customerId, String text, Instant createdAt) {
}

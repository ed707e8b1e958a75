package app.rapport.customers;

/** Two customers that may be one person writing from two addresses, and why Rapport thinks so. */
public record MergeSuggestion(Customer person, Customer other, String reason) {
}

package app.rapport.customers;

/**
 * A fact found in what a customer wrote, before it is stored.
 *
 * @param value      short words for the fact ("Überlingen", "daughter Mia", "size 39")
 * @param when       when it happens or happened, in the customer's words ("in spring"), or null
 * @param sentence   the sentence it was read from, as written
 * @param confidence from 0 to 1: how sure the rule that found it is
 */
public record FoundFact(FactKind kind, String value, String when, String sentence, double confidence) {
}

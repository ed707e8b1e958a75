package app.rapport.drafting;

import java.time.Instant;

/**
 * Something that went wrong for several customers at once, as the owner describes it.
 *
 * @param search       the words to find the customers' messages about it (the search box's syntax)
 * @param from         the start of the window in which they wrote
 * @param until        the end of that window (exclusive)
 * @param whatHappened one or two sentences for the apology, in the owner's words
 * @param offer        what the owner offers to make up for it (a coupon code…), or empty
 */
public record Incident(String search, Instant from, Instant until, String whatHappened, String offer) {

    public Incident {
        if (search == null || search.isBlank()) {
            throw new IllegalArgumentException("say which words the customers used, to find their messages");
        }
        if (whatHappened == null || whatHappened.isBlank()) {
            throw new IllegalArgumentException("say in a sentence what happened");
        }
        if (from == null || until == null || !from.isBefore(until)) {
            throw new IllegalArgumentException("the window needs a start before its end");
        }
        offer = offer == null ? "" : offer.strip();
        whatHappened = whatHappened.strip();
    }
}

package app.rapport.drafting;

import java.util.List;

/**
 * What a draft was based on, for the editor.
 *
 * @param variant       the template wording used (null for the main one)
 * @param writtenBy     {@code template} or {@code model}
 * @param flag          a warning for the owner, or null
 * @param optionalNote  a short note the owner may send or discard: the customer's message closed the conversation
 * @param touches       the personal touches, with their sources
 * @param related       the customer's other conversations Rapport looked at
 * @param changedALot   the owner's edits changed the suggested text so much that it may be worth keeping as a variant
 */
public record DraftBasis(List<IntentScore> intents, String template, String variant, String writtenBy, String flag,
                         boolean optionalNote, List<Touch> touches, List<Long> related, boolean changedALot) {
}

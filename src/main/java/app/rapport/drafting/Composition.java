package app.rapport.drafting;

import java.util.List;

/**
 * A draft as written, with what it was based on.
 *
 * @param writtenBy {@code template} or {@code model}
 * @param flag      a warning for the owner (a sentence the model wrote that was taken out), or null
 */
record Composition(String template, String variant, List<IntentScore> intents, String text, String html,
                   List<PersonalTouches.Picked> touches, List<Long> related, String writtenBy, String flag) {
}

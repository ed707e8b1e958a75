package app.rapport.drafting;

/**
 * How the owner greets and signs: set once, used by every template.
 *
 * @param greeting  the word before the first name ("Hello", "Hi", "Dear")
 * @param signOff   the closing line, {@code {place}} becomes the owner's place ("Best wishes from {place},")
 * @param signature the lines under it (name, shop)
 */
public record OwnerVoice(String greeting, String signOff, String signature) {

    /** The greeting line for a customer, with or without a first name. */
    public String greet(String firstName) {
        return greeting + (firstName == null || firstName.isBlank() ? "" : " " + firstName.strip()) + ",";
    }

    /** The sign-off with the owner's place filled in. */
    public String signOffFrom(String place) {
        return signOff.replace("{place}", place == null ? "" : place);
    }
}

package app.rapport.drafting;

/** What a customer's message does: the kinds of intent Rapport recognises, each with words for the owner. */
public enum IntentKind {
    THANKS("thanks or praise"),
    QUESTION("question"),
    PROBLEM("problem or complaint"),
    RETURN("return or exchange"),
    ORDER_STATUS("order status"),
    PERSONAL_STORY("personal story"),
    FIRST_CONTACT("first contact"),
    CLOSING("closes the conversation");

    private final String label;

    IntentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

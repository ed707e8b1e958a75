package app.rapport.customers;

/** What a remembered fact is about. {@link #label()} is the heading the owner sees. */
public enum FactKind {
    PLACE("Place"),
    PERSON("People in their life"),
    OCCASION("Occasions and life events"),
    TASTE("Tastes and preferences"),
    SIZE("Size and fit"),
    WORK("Work and role"),
    PRODUCT("Products"),
    PROBLEM("Problems"),
    SOURCE("How they found the shop"),
    LANGUAGE("Language"),
    NOTE("Noted by hand");

    private final String label;

    FactKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

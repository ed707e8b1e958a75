package app.rapport.customers;

/** Where a fact stands with the owner: found by Rapport, or confirmed, corrected or rejected by the owner. */
public enum FactState {
    SUGGESTED, CONFIRMED, CORRECTED, REJECTED;

    /** Whether the owner has vouched for the fact (confirmed it as found, or as corrected). */
    public boolean vouched() {
        return this == CONFIRMED || this == CORRECTED;
    }
}

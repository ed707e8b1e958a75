package app.rapport.drafting;

/** Where a draft stands. Only an open draft (suggested or edited) can be edited, approved or discarded. */
public enum DraftState {
    SUGGESTED, EDITED, APPROVED, DISCARDED, SUPERSEDED;

    public boolean open() {
        return this == SUGGESTED || this == EDITED;
    }
}

package app.rapport.drafting;

import org.springframework.stereotype.Service;

/** What the owner asks of an open draft besides editing it: another wording. */
@Service
public class Redrafting {

    private final DraftWriter writer;

    Redrafting(DraftWriter writer) {
        this.writer = writer;
    }

    /** Replaces an open draft's text with the next wording of its template (the owner's edits are replaced too). */
    public Draft regenerate(long draftId) {
        return writer.regenerate(draftId);
    }
}

package app.rapport.customers;

import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.customers.facts.FactRules;
import app.rapport.customers.facts.Signatures;

/**
 * Reads facts out of what a customer wrote. Give it a message's new text (quotes removed): quoted mail may be
 * somebody else's words.
 */
@Component
public class FactFinder {

    private final FactRules rules = new FactRules();

    public List<FoundFact> find(String newText) {
        return rules.find(newText);
    }

    /** Facts from the signature block of a message's full text: role and company, the town of a postal address. */
    public List<FoundFact> findInSignature(String text) {
        return Signatures.facts(Signatures.of(text));
    }
}

package app.rapport.customers;

import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.customers.facts.FactRules;

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
}

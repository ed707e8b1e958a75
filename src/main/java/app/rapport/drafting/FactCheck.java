package app.rapport.drafting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.customers.Fact;

/**
 * Checks a draft someone else wrote (the model) against the customer's history. A sentence that says something
 * personal about the customer (a name, a family member, a pet, an occasion, a place) must use words found in
 * the remembered facts or the conversation; otherwise it is taken out. Sentences built on a remembered fact
 * become personal touches with that fact's source.
 */
final class FactCheck {

    record Result(String text, List<PersonalTouches.Picked> touches, List<String> removed) {
    }

    private static final Pattern SENTENCES = Pattern.compile("[^.!?\\n]+[.!?]*");
    private static final Pattern PERSONAL_WORD = Pattern.compile(
            "\\b(your|you)\\s+(?:\\w+\\s+){0,2}?(daughter|son|wife|husband|partner|boyfriend|girlfriend|mother|mum|mom"
                    + "|father|dad|sister|brother|grandson|granddaughter|grandmother|grandfather|kids|children|baby|dog|cat"
                    + "|puppy|horse|birthday|wedding|anniversary|holiday|vacation|trip|move|new job|new home|garden|hometown)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPITALISED = Pattern.compile("(?<=[\\s(“\"'])(\\p{Lu}[\\p{L}'-]+)");

    private FactCheck() {
    }

    /**
     * @param known every word the draft may use about the customer: the conversation, the customer's name, the
     *              owner's own details; remembered facts are added from {@code facts}
     */
    static Result check(String draft, List<Fact> facts, String known, long currentMessage) {
        Set<String> vocabulary = words(known);
        for (Fact f : facts) {
            if (PersonalTouches.usable(f, currentMessage) || f.messageId() != null && f.messageId() == currentMessage) {
                vocabulary.addAll(words(f.value() + " " + (f.sentence() == null ? "" : f.sentence())));
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> removed = new ArrayList<>();
        List<PersonalTouches.Picked> touches = new ArrayList<>();
        for (String line : draft.replace("\r\n", "\n").split("\n", -1)) {
            StringBuilder kept = new StringBuilder();
            Matcher sentences = SENTENCES.matcher(line);
            int last = 0;
            while (sentences.find()) {
                String sentence = sentences.group();
                String before = line.substring(last, sentences.start());
                last = sentences.end();
                if (invented(sentence, vocabulary)) {
                    removed.add(sentence.strip());
                    continue;
                }
                kept.append(before).append(sentence);
                Fact used = factIn(sentence, facts, currentMessage);
                if (used != null && touches.size() < 2 && touches.stream().noneMatch(t -> t.fact().id() == used.id())) {
                    touches.add(new PersonalTouches.Picked(used, sentence.strip()));
                }
            }
            kept.append(line.substring(last));
            out.append(kept.toString().stripTrailing()).append('\n');
        }
        String text = out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
        return new Result(text, touches, removed);
    }

    private static boolean invented(String sentence, Set<String> vocabulary) {
        Matcher personal = PERSONAL_WORD.matcher(sentence);
        while (personal.find()) {
            if (!vocabulary.contains(personal.group(2).toLowerCase(Locale.ROOT).split(" ")[0])) {
                return true;
            }
        }
        boolean aboutThem = sentence.toLowerCase(Locale.ROOT).matches(".*\\b(you|your|yours)\\b.*");
        if (!aboutThem) {
            return false;
        }
        Matcher names = CAPITALISED.matcher(" " + sentence);
        while (names.find()) {
            String word = names.group(1).toLowerCase(Locale.ROOT);
            if (!vocabulary.contains(word) && !COMMON.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A usable remembered fact whose distinctive words the sentence uses. */
    private static Fact factIn(String sentence, List<Fact> facts, long currentMessage) {
        Set<String> said = words(sentence);
        for (Fact f : facts) {
            if (!PersonalTouches.usable(f, currentMessage)) {
                continue;
            }
            Set<String> distinctive = words(f.value());
            distinctive.removeIf(w -> w.length() < 4 || COMMON.contains(w));
            if (!distinctive.isEmpty() && said.containsAll(distinctive)) {
                return f;
            }
        }
        return null;
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        if (text != null) {
            for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                    if (w.endsWith("'s")) {
                        words.add(w.substring(0, w.length() - 2));
                    }
                }
            }
        }
        return words;
    }

    /** Words that start sentences or name the calendar: never a claim about the customer on their own. */
    private static final Set<String> COMMON = Set.of("i", "i'm", "i've", "i'll", "i'd", "thank", "thanks", "you", "your",
            "please", "dear", "hello", "hi", "best", "warm", "kind", "if", "and", "but", "so", "the", "a", "it", "that",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas",
            "easter", "eur", "euro", "dhl", "ups", "pair", "pairs", "boots", "shoes", "with", "from", "for", "what", "when");
}

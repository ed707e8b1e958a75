package app.rapport.customers;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares how two people write their names, the way a shopkeeper would: "Müller, Anna" and "Anna Mueller" are
 * the same name; "Anna M." and "Anna Mueller" may be the same person, which only shared history can tell.
 */
final class PersonNames {

    /** How alike two names are. */
    enum Likeness {
        /** The same full names, whatever the case, accents, spelling of umlauts, order or middle initials. */
        SAME,
        /** Same first name, and a last name that fits (an initial, or none given): proof must come from history. */
        SIMILAR,
        NONE
    }

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "mme",
            "sr", "sra", "phd", "md", "jr");
    private static final Pattern DECORATION = Pattern.compile("\\(.*?\\)|\\[.*?]|<.*?>|\\s+via\\s+.*$",
            Pattern.CASE_INSENSITIVE);

    /** A name as words: folded to lower case without accents, each word with its spellings ("müller": mueller, muller). */
    record Name(List<Set<String>> words) {

        boolean isEmpty() {
            return words.isEmpty();
        }

        Set<String> first() {
            return words.getFirst();
        }

        Set<String> last() {
            return words.size() > 1 ? words.getLast() : Set.of();
        }

        List<Set<String>> fullWords() {
            return words.stream().filter(w -> w.iterator().next().length() > 1).toList();
        }
    }

    private PersonNames() {
    }

    /** The name in a display name ("Keller, Anna", "Dr. Anna Keller", "\"Anna K.\""), or an empty name. */
    static Name parse(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.contains("@")) {
            return new Name(List.of());
        }
        String name = DECORATION.matcher(displayName.replace("\"", "").replace("'", "")).replaceAll(" ").strip();
        if (name.contains(",")) {
            String[] parts = name.split(",", 2);
            name = parts[1] + " " + parts[0];
        }
        List<Set<String>> words = new ArrayList<>();
        for (String raw : name.split("[\\s,]+")) {
            String word = raw.replace(".", "").toLowerCase(Locale.ROOT);
            if (word.codePoints().anyMatch(Character::isDigit)) {
                // A number in the name: a department, a ticket or a shared mailbox, not a person.
                return new Name(List.of());
            }
            if (word.isEmpty() || TITLES.contains(word) || word.codePoints().noneMatch(Character::isLetter)) {
                continue;
            }
            if (!word.codePoints().allMatch(c -> Character.isLetter(c) || c == '-')) {
                // Symbols inside a word ("R&D", "sales/eu"): not a person's name.
                return new Name(List.of());
            }
            words.add(spellings(word));
        }
        return new Name(List.copyOf(words));
    }

    /** A name that is only a first name, as learnt from how someone signs. */
    static Name firstNameOnly(String firstName) {
        Name n = parse(firstName);
        return n.words().size() == 1 ? n : new Name(List.of());
    }

    static Likeness compare(Name a, Name b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Likeness.NONE;
        }
        List<Set<String>> fullA = a.fullWords();
        List<Set<String>> fullB = b.fullWords();
        if (fullA.size() >= 2 && fullB.size() >= 2 && covers(fullA, fullB) && covers(fullB, fullA)) {
            return Likeness.SAME;
        }
        boolean firstFits = fits(a.first(), b.first());
        if (!firstFits) {
            return Likeness.NONE;
        }
        Set<String> lastA = a.last();
        Set<String> lastB = b.last();
        boolean firstBothFull = isFull(a.first()) && isFull(b.first());
        boolean lastFits = lastA.isEmpty() || lastB.isEmpty() ? firstBothFull : fits(lastA, lastB);
        // "A. Mueller" and "Anna Mueller": the initial only counts when the last names are the same word.
        boolean lastSame = !lastA.isEmpty() && !lastB.isEmpty() && isFull(lastA) && isFull(lastB) && meet(lastA, lastB);
        return lastFits && (firstBothFull || lastSame) ? Likeness.SIMILAR : Likeness.NONE;
    }

    private static boolean covers(List<Set<String>> these, List<Set<String>> those) {
        return these.stream().allMatch(w -> those.stream().anyMatch(o -> meet(w, o)));
    }

    /** Two words fit when they are spelt alike, or one is the other's initial. */
    private static boolean fits(Set<String> a, Set<String> b) {
        if (isFull(a) && isFull(b)) {
            return meet(a, b);
        }
        String ia = a.iterator().next().substring(0, 1);
        String ib = b.iterator().next().substring(0, 1);
        return ia.equals(ib);
    }

    private static boolean isFull(Set<String> word) {
        return word.iterator().next().length() > 1;
    }

    private static boolean meet(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** "müller" is written mueller or muller; "ß" is ss; other accents are dropped ("José": jose). */
    static Set<String> spellings(String word) {
        Set<String> out = new HashSet<>();
        out.add(bare(word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")));
        out.add(bare(word.replace("ß", "ss")));
        return Set.copyOf(out);
    }

    private static String bare(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace("ø", "o")
                .replace("æ", "ae").replace("ł", "l");
    }
}

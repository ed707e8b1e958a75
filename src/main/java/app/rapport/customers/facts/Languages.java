package app.rapport.customers.facts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which language a text is written in, from its script and its commonest short words. Answers only when
 * the evidence is clear; {@code null} means "cannot tell".
 */
final class Languages {

    static final String ENGLISH = "English";

    private static final Map<String, Set<String>> COMMON_WORDS = Map.of(
            ENGLISH, Set.of("the", "and", "is", "are", "to", "of", "in", "it", "for", "with", "you", "that", "this",
                    "have", "was", "my", "on", "not", "be", "we", "can", "thanks", "would", "what", "from", "but"),
            "German", Set.of("der", "die", "das", "und", "ist", "ich", "nicht", "mit", "sie", "es", "ein", "eine",
                    "zu", "auf", "für", "wir", "vielen", "dank", "bitte", "habe", "auch", "den", "dem", "mein"),
            "French", Set.of("le", "la", "les", "et", "est", "je", "pas", "avec", "vous", "une", "des", "pour",
                    "merci", "nous", "dans", "que", "qui", "mon", "ma", "sur", "bonjour", "sont"),
            "Spanish", Set.of("el", "los", "las", "y", "es", "yo", "no", "con", "usted", "una", "para", "gracias",
                    "que", "por", "mi", "del", "hola", "pero", "como", "muy", "está"),
            "Italian", Set.of("il", "lo", "gli", "e", "è", "io", "non", "con", "una", "per", "grazie", "che",
                    "mio", "della", "sono", "ciao", "buongiorno", "anche", "questo"),
            "Dutch", Set.of("de", "het", "een", "en", "is", "ik", "niet", "met", "voor", "dank", "bedankt", "wij",
                    "mijn", "van", "zijn", "ook", "maar", "graag"),
            "Portuguese", Set.of("o", "os", "as", "e", "é", "eu", "não", "com", "uma", "para", "obrigado",
                    "obrigada", "que", "meu", "minha", "do", "da", "muito", "olá"));

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern LINKS = Pattern.compile("\\S+@\\S+|\\b(?:https?://|www\\.)\\S+|\\S+\\.(?:com|org|net|de|fr|it|es|nl|pt|br)\\b\\S*");

    private Languages() {
    }

    static String of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String script = byScript(text);
        if (script != null) {
            return script;
        }
        Map<String, Integer> hits = new HashMap<>();
        Map<String, java.util.Set<String>> distinct = new HashMap<>();
        int words = 0;
        // Addresses and links are not words of any language (".com" is Portuguese for "with").
        Matcher m = WORD.matcher(LINKS.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
        while (m.find()) {
            words++;
            String w = m.group();
            COMMON_WORDS.forEach((language, common) -> {
                if (common.contains(w)) {
                    hits.merge(language, 1, Integer::sum);
                    distinct.computeIfAbsent(language, k -> new java.util.HashSet<>()).add(w);
                }
            });
        }
        hits.keySet().removeIf(language -> distinct.get(language).size() < 3);
        if (words < 6) {
            return null;
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (var e : hits.entrySet()) {
            if (e.getValue() > bestHits) {
                second = bestHits;
                bestHits = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        // Clear evidence: common words make up a good share of the text, well ahead of the runner-up.
        if (best == null || bestHits < 3 || bestHits < words * 0.12 || bestHits < second * 2) {
            return null;
        }
        return best;
    }

    private static String byScript(String text) {
        int letters = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            String name = switch (s) {
                case HAN -> "Chinese";
                case HIRAGANA, KATAKANA -> "Japanese";
                case HANGUL -> "Korean";
                case CYRILLIC -> "Russian";
                case ARABIC -> "Arabic";
                case GREEK -> "Greek";
                case HEBREW -> "Hebrew";
                default -> null;
            };
            if (name != null) {
                counts.merge(name, 1, Integer::sum);
            }
        }
        if (letters == 0) {
            return null;
        }
        int all = letters;
        // Kana anywhere means Japanese, even where most characters are Han.
        if (counts.getOrDefault("Japanese", 0) > 5) {
            return "Japanese";
        }
        // A message in another script is mostly in it; a name or a quoted line in it says nothing.
        String script = counts.entrySet().stream().filter(e -> e.getValue() > all * 0.5 && e.getValue() >= 6)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if ("Russian".equals(script)) {
            // Cyrillic is written for many languages: only letters Russian has and its neighbours lack make it Russian.
            String lower = text.toLowerCase(Locale.ROOT);
            boolean russian = lower.matches("(?s).*[ыэъ].*") && !lower.matches("(?s).*[іїєґөүў].*");
            return russian ? "Russian" : null;
        }
        return script;
    }
}

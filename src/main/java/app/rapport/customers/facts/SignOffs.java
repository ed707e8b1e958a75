package app.rapport.customers.facts;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the name people sign with ("Thanks, Sofia", "Warm greetings from the lake,⏎Anna"). */
public final class SignOffs {

    private static final Pattern CLOSING = Pattern.compile(
            "(?i)^(?:thanks|thank you|many thanks|thanks again|cheers|best|best wishes|best regards|kind regards|regards"
                    + "|warm regards|warmest regards|all the best|love|yours|sincerely|yours sincerely|take care"
                    + "|warm greetings|greetings|warm wishes|with thanks|thx)\\b[^,]{0,40},?$");
    private static final Pattern SAME_LINE = Pattern.compile(
            "(?i)^(?:thanks|thank you|many thanks|cheers|best|regards|kind regards|best regards|love|all the best)\\s*,\\s*"
                    + "((?-i:\\p{Lu}\\p{Ll}+))\\s*[.!]?$");
    private static final Pattern NAME_LINE = Pattern.compile("^((?-i:\\p{Lu}\\p{Ll}+))(?:\\s+(?-i:\\p{Lu})[\\p{L}.'-]*)?\\s*[.!]?$");
    private static final Set<String> NOT_NAMES = Set.of("thanks", "regards", "best", "cheers", "sent", "hello", "hi",
            "dear", "team", "sir", "madam", "everyone", "all", "again", "love", "sincerely", "yours");

    private SignOffs() {
    }

    /** The first name the text is signed with, or null when it is not signed in a recognisable way. */
    public static String firstName(String newText) {
        if (newText == null) {
            return null;
        }
        List<String> lines = newText.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return null;
        }
        String last = lines.getLast();
        Matcher same = SAME_LINE.matcher(last);
        if (same.matches()) {
            return name(same.group(1));
        }
        if (lines.size() >= 2 && CLOSING.matcher(lines.get(lines.size() - 2)).matches()) {
            Matcher m = NAME_LINE.matcher(last);
            if (m.matches()) {
                return name(m.group(1));
            }
        }
        return null;
    }

    private static String name(String word) {
        return word.length() < 2 || NOT_NAMES.contains(word.toLowerCase(Locale.ROOT)) ? null : word;
    }
}

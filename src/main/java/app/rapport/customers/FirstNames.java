package app.rapport.customers;

import java.util.Locale;
import java.util.Set;

/** Guesses the name to greet someone by from their display name ("Keller, Anna" and "Dr. Anna Keller" give Anna). */
final class FirstNames {

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau",
            "mme", "m", "sr", "sra");

    private FirstNames() {
    }

    static String of(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.contains("@")) {
            return null;
        }
        String name = displayName.replace("\"", "").strip();
        if (name.contains(",")) {
            String[] parts = name.split(",", 2);
            name = parts[1].strip() + " " + parts[0].strip();
        }
        for (String word : name.split("\\s+")) {
            String bare = word.replace(".", "");
            if (bare.isEmpty() || TITLES.contains(bare.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!Character.isLetter(bare.codePointAt(0)) || bare.chars().allMatch(Character::isUpperCase) && bare.length() > 1) {
                return null;
            }
            return Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
        }
        return null;
    }
}

package app.rapport.customers;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.customers.facts.Signatures;

/**
 * The telephone numbers someone gives in their own words or signature (never in quoted mail, which holds other
 * people's numbers, the shop's own among them). Numbers are kept as their last eight digits, so "+49 7551 9312 40"
 * and "07551 931240" are the same number.
 */
final class Phones {

    private static final int DIGITS = 8;
    /** A number after a label ("Tel.:", "Mobile", "M:") or written in international form ("+41 …"). */
    private static final Pattern NUMBER = Pattern.compile(
            "(?:\\b(?:tel|tel\\.|phone|ph|mobile|mob|cell|fon|handy|telefon|téléphone|tél|t|m|p)\\b\\.?\\s*[:.]?\\s*"
                    + "(?<labelled>\\+?\\(?\\d[\\d ()./-]{5,}\\d))"
                    + "|(?<![\\w.+])(?<international>\\+\\d{1,3}[ ()./-]*\\d[\\d ()./-]{5,}\\d)",
            Pattern.CASE_INSENSITIVE);

    private Phones() {
    }

    static Set<String> in(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (String line : Signatures.ownLines(text)) {
            Matcher m = NUMBER.matcher(line);
            while (m.find()) {
                String number = m.group("labelled") != null ? m.group("labelled") : m.group("international");
                String digits = number.replaceAll("\\D", "");
                if (digits.length() >= DIGITS && digits.length() <= 15) {
                    found.add(digits.substring(digits.length() - DIGITS));
                }
            }
        }
        return found;
    }
}

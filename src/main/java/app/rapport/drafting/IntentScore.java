package app.rapport.drafting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One intent of a message and how sure Rapport is of it.
 *
 * @param detail what the intent is about, when known: {@code size}, {@code shipping}, {@code price},
 *               {@code product} for a question; {@code late}, {@code damaged}, {@code wrong-item} for a problem
 * @param confidence from 0 to 1
 */
public record IntentScore(IntentKind kind, String detail, double confidence) {

    /** Words for the owner: "question (size) 82%". */
    public String label() {
        return kind.label() + (detail == null ? "" : " (" + detail + ")") + " "
                + Math.round(confidence * 100) + "%";
    }

    static String encode(List<IntentScore> scores) {
        List<String> parts = new ArrayList<>();
        for (IntentScore s : scores) {
            parts.add(s.kind.name() + (s.detail == null ? "" : "/" + s.detail)
                    + ":" + String.format(Locale.ROOT, "%.2f", s.confidence));
        }
        return String.join(",", parts);
    }

    static List<IntentScore> decode(String encoded) {
        List<IntentScore> scores = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return scores;
        }
        for (String part : encoded.split(",")) {
            int colon = part.lastIndexOf(':');
            String name = part.substring(0, colon);
            int slash = name.indexOf('/');
            try {
                scores.add(new IntentScore(IntentKind.valueOf(slash < 0 ? name : name.substring(0, slash)),
                        slash < 0 ? null : name.substring(slash + 1), Double.parseDouble(part.substring(colon + 1))));
            } catch (IllegalArgumentException unknown) {
                // An intent from an older version of Rapport is left out rather than failing the page.
            }
        }
        return scores;
    }
}

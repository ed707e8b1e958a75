package app.rapport.drafting;

import java.util.Locale;

/** How much of a text survived an edit, by words, so small touch-ups and rewrites can be told apart. */
final class Similarity {

    /** Below this share of words kept, the owner wrote a different reply rather than touching up ours. */
    static final double REWRITE = 0.6;

    private Similarity() {
    }

    static boolean changedALot(String before, String after) {
        return before != null && after != null && kept(before, after) < REWRITE;
    }

    /** The longest common word sequence over the longer text's length: 1 when equal, 0 when nothing is shared. */
    static double kept(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (String word : a) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = word.equals(b[j - 1]) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return (double) previous[b.length] / Math.max(a.length, b.length);
    }

    private static String[] words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return t.isEmpty() ? new String[0] : t.split(" ");
    }
}

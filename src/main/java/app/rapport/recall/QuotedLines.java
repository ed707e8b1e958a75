package app.rapport.recall;

/**
 * The lines of a text body that quote earlier mail: those that start with {@code >} (how mail clients mark a
 * quote in plain text, RFC 3676). Search leaves them out of a reply whose parent is stored: the parent's own
 * document holds those words, in the same conversation, and a reply deep in a thread would otherwise hold the
 * whole thread again (in a support list, three fifths of all text).
 */
final class QuotedLines {

    private QuotedLines() {
    }

    /**
     * The Message-ID whose words a message's text quotes: that of the message it answers ({@code parentId}, the
     * last of its references), when the text has quoted lines; else null.
     */
    static String quotedParent(String parentId, String text) {
        return parentId != null && in(text) ? parentId : null;
    }

    /** Whether any line of the text starts with {@code >}. */
    static boolean in(String text) {
        return text != null && (text.startsWith(">") || text.contains("\n>"));
    }

    /** The text without its lines that start with {@code >}; every other line as it was, in order. */
    static String without(String text) {
        if (!in(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length() / 2);
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? n : end + 1;
            if (text.charAt(start) != '>') {
                kept.append(text, start, next);
            }
            start = next;
        }
        return kept.toString();
    }
}

package app.rapport.customers.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cuts a message's text into sentences: paragraphs first, then at sentence ends. */
final class Sentences {

    /** Longer "sentences" are logs, code or pasted tables, where no personal fact is said. */
    static final int MAX_LENGTH = 400;

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern END = Pattern.compile("(?<=[.!?…])\\s+(?=[\\p{Lu}\"'(\\d])");

    private Sentences() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String paragraph : PARAGRAPH.split(text.replace("\r\n", "\n"))) {
            StringBuilder joined = new StringBuilder();
            for (String line : paragraph.split("\n")) {
                String l = line.strip();
                if (l.startsWith(">")) {
                    continue;
                }
                // A short line without a full stop ends where it ends (greetings, sign-offs, list items).
                joined.append(l);
                joined.append(l.length() < 40 && !l.endsWith(",") ? "\n" : " ");
            }
            for (String part : joined.toString().split("\n")) {
                for (String s : END.split(part.strip())) {
                    String sentence = s.strip();
                    if (!sentence.isEmpty() && sentence.length() <= MAX_LENGTH) {
                        out.add(sentence);
                    }
                }
            }
        }
        return out;
    }
}

package app.rapport.drafting;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer's message is about, from its words: each intent names the template its draft starts from.
 */
final class Intents {

    record Intent(String name, Pattern cue) {
    }

    /** In order of precedence: a late order that also says thanks is about the late order. */
    static final List<Intent> ALL = List.of(
            new Intent("return", Pattern.compile(
                    "\\b(return(ing)?|refund|exchange|send (them|it) back|money back|rückgabe|umtausch|zurückschicken)\\b")),
            new Intent("late-order", Pattern.compile(
                    "\\b(not (yet )?arrived|hasn'?t arrived|haven'?t (received|arrived)|still waiting|where is my"
                            + "|(is|are|was) late|delayed|tracking (hasn'?t|has not|doesn'?t)|not received|noch nicht angekommen)\\b")),
            new Intent("sizing", Pattern.compile(
                    "\\b(sizes?|sizing|fit|too (narrow|wide|small|big|tight)|narrow|wide feet|half size|größe)\\b")),
            new Intent("question", Pattern.compile("\\?")),
            new Intent("thanks", Pattern.compile(
                    "\\b(thank(s| you)|grateful|love (them|it|my)|delighted|wonderful|danke|merci)\\b")));

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n");
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|liebe|lieber|bonjour)\\b.{0,40}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER = Pattern.compile(
            "(?:order|bestellung|commande)\\s*(?:no\\.?|number|nr\\.?)?\\s*#?\\s*(\\d{3,10})|#(\\d{3,10})",
            Pattern.CASE_INSENSITIVE);

    private Intents() {
    }

    static Intent classify(String subject, String text) {
        String all = ((subject == null ? "" : subject) + "\n" + (text == null ? "" : text)).toLowerCase(Locale.ROOT);
        for (Intent intent : ALL) {
            if (intent.cue().matcher(all).find()) {
                return intent;
            }
        }
        return new Intent("general", Pattern.compile("$^"));
    }

    /** The sentence that best shows what the customer wrote about: the first one carrying the intent's cue. */
    static String excerpt(Intent intent, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String first = null;
        for (String raw : SENTENCE_END.split(text.strip())) {
            String sentence = raw.replaceAll("\\s+", " ").strip();
            if (sentence.length() < 12 || GREETING.matcher(sentence).matches()) {
                continue;
            }
            if (first == null) {
                first = sentence;
            }
            if (intent.cue().matcher(sentence.toLowerCase(Locale.ROOT)).find()) {
                return shorten(sentence);
            }
        }
        return first == null ? null : shorten(first);
    }

    static String order(String subject, String text) {
        Matcher m = ORDER.matcher((subject == null ? "" : subject) + "\n" + (text == null ? "" : text));
        if (m.find()) {
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    private static String shorten(String sentence) {
        if (sentence.length() <= 160) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', 157);
        return sentence.substring(0, cut > 80 ? cut : 157) + "…";
    }
}

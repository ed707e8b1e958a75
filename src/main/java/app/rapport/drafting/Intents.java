package app.rapport.drafting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer's message is about, from its words: one or more intents, each with a confidence. Every cue
 * that matches adds evidence (combined as independent signals), so a message that says thanks in its sign-off
 * reads as a weak thanks and one full of praise as a strong one.
 */
final class Intents {

    /** Intents below this confidence are not reported. */
    static final double THRESHOLD = 0.4;

    private record Cue(IntentKind kind, String detail, double weight, Pattern pattern) {
    }

    private static final List<Cue> CUES = new ArrayList<>();

    private static void cue(IntentKind kind, String detail, double weight, String regex) {
        CUES.add(new Cue(kind, detail, weight, Pattern.compile(regex)));
    }

    static {
        cue(IntentKind.THANKS, null, 0.45, "\\b(thank(s| you| u)|many thanks|danke|merci|grazie)\\b");
        cue(IntentKind.THANKS, null, 0.5, "\\b(grateful|delighted|wonderful|beautiful|gorgeous|amazing|fantastic|excellent"
                + "|made my day|so happy|very happy|absolutely love|love (them|it|my|the|your)|fits? perfectly|perfect fit"
                + "|compliments|so comfortable|great work|well made|beautifully made|happy customer)\\b");

        cue(IntentKind.QUESTION, null, 0.55, "\\?");
        cue(IntentKind.QUESTION, null, 0.35, "\\b(could you|can you|do you|would you|will you|is it possible|is there"
                + "|i was wondering|i wonder|i'd like to know|please let me know|any advice|what would you recommend"
                + "|which (one|size|colou?r)|how (long|much|many|do|does|can|should))\\b");
        cue(IntentKind.QUESTION, "size", 0.3, "\\b(sizes?|sizing|fit|fits|too (narrow|wide|small|big|tight|loose)"
                + "|narrow|wide feet|half size|width|größe|ring size|measure(ments)?)\\b");
        cue(IntentKind.QUESTION, "shipping", 0.3, "\\b(ship|shipping|postage|deliver(y)?|abroad|international|customs"
                + "|courier|send (it|them) to|versand)\\b");
        cue(IntentKind.QUESTION, "price", 0.3, "(\\b(price|prices|cost|costs|how much|discount|coupon|voucher|gift card"
                + "|payment|pay|invoice)\\b|€|\\beur\\b|\\$)");

        cue(IntentKind.PROBLEM, "late", 0.7, "\\b(not (yet )?arrived|hasn'?t (yet )?arrived|has not (yet )?arrived"
                + "|haven'?t (yet )?(received|arrived)|have not (yet )?received|still waiting|where is my|(is|are|was) late"
                + "|delayed|never arrived|not received|got lost|noch nicht angekommen)\\b");
        cue(IntentKind.PROBLEM, "damaged", 0.65, "\\b(damaged|broken|broke|torn|scratch(ed|es)?|scuffed|cracked|crack"
                + "|came apart|fell off|falling apart|defect(ive)?|faulty|stain(ed)?|hole in|peeling|coming loose|came loose"
                + "|stopped working|doesn'?t work|does not work)\\b");
        cue(IntentKind.PROBLEM, "wrong-item", 0.65, "\\b(wrong (size|item|colou?r|pair|order|one|model|product)"
                + "|not what i ordered|instead of the|mix-?up|sent me the wrong)\\b");
        cue(IntentKind.PROBLEM, null, 0.45, "\\b(disappointed|unhappy|not happy|unacceptable|complain(t)?|frustrat(ed|ing)"
                + "|(a|the|this|same|an) (problem|issue)|problems with|issues with|trouble with|error|exception|crash(es|ed)?"
                + "|fails|failed|failing|not working|isn'?t working)\\b");

        cue(IntentKind.RETURN, null, 0.7, "\\b(return(ing|ed)?|refund(ed)?|exchange|send (them|it) back|money back"
                + "|swap (them|it)|rückgabe|umtausch|zurückschicken)\\b");

        cue(IntentKind.ORDER_STATUS, null, 0.5, "\\b(order status|status of my order|when will (my|it|they|the) (order|parcel|package|boots|shoes)?"
                + "|has (it|my order|the order|my parcel) (been )?(shipped|dispatched|sent)|(shipped|dispatched|sent out) yet"
                + "|any news (on|about) my|(send|give|share|forward) me the tracking|what('s| is) the tracking"
                + "|tracking (number|link|code) (for|of) my)\\b");
        cue(IntentKind.ORDER_STATUS, null, 0.3, "(\\border\\s*(no\\.?|number|nr\\.?)?\\s*#?\\s*\\d{3,10}|#\\d{3,10})");

        cue(IntentKind.PERSONAL_STORY, null, 0.35, "\\b(my|our) (daughter|son|husband|wife|partner|boyfriend|girlfriend"
                + "|dog|cat|mum|mother|mom|father|dad|grandmother|grandfather|granddaughter|grandson|friend|kids|children"
                + "|wedding|birthday|anniversary|holiday|trip|walk|hike|garden)\\b");
        cue(IntentKind.PERSONAL_STORY, null, 0.35, "\\b(we (live|moved|went|walked|hiked|travelled|traveled|got married)"
                + "|i (took|walked|wore|hiked|danced|moved|am moving|'m moving)|on holiday|on our way|last weekend"
                + "|on sunday|on saturday|this summer|this winter|years ago)\\b");

        cue(IntentKind.FIRST_CONTACT, null, 0.3, "\\b(first time|found (you|your)|came across|recommended (you|your)"
                + "|heard (about|of) (you|your)|saw your|stumbled (up)?on)\\b");

        cue(IntentKind.CLOSING, null, 0.75, "\\b(all sorted|sorted now|(it'?s|that'?s|everything'?s|everything is) sorted"
                + "|resolved|problem solved|all good( now)?|works (now|again|perfectly now)|arrived (safely|today|safe and sound"
                + "|this morning|yesterday|fine|well)|no need to (reply|answer|respond)|that'?s all i needed"
                + "|got (them|it), thanks|received (them|it|the parcel|my order)|case closed|all fine now|issue is fixed)\\b");
    }

    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*(re|aw|sv|antw|fwd?|wg)\\s*(\\[\\d+])?:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n");
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|liebe|lieber|bonjour)\\b.{0,40}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER = Pattern.compile(
            "(?:order|bestellung|commande)\\s*(?:no\\.?|number|nr\\.?)?\\s*#?\\s*(\\d{3,10})|#(\\d{3,10})",
            Pattern.CASE_INSENSITIVE);

    private Intents() {
    }

    /**
     * The message's intents, the surest first.
     *
     * @param firstContact whether this is the first message Rapport has from this customer
     */
    static List<IntentScore> score(String subject, String text, boolean firstContact) {
        String body = text == null ? "" : text;
        // A reply's subject names the old topic ("Re: Order still not arrived"), not what this message says.
        String ownSubject = subject == null || REPLY_PREFIX.matcher(subject).find() ? "" : subject;
        String all = (ownSubject + "\n" + body).toLowerCase(Locale.ROOT);
        Map<IntentKind, Double> doubt = new EnumMap<>(IntentKind.class);
        Map<IntentKind, Map<String, Double>> details = new EnumMap<>(IntentKind.class);
        for (Cue cue : CUES) {
            int hits = 0;
            Matcher m = cue.pattern.matcher(all);
            while (m.find() && hits < 3) {
                hits++;
            }
            if (hits == 0) {
                continue;
            }
            // Repeating a cue is weaker evidence than a different cue: the second and third hit count half.
            double miss = (1 - cue.weight) * Math.pow(1 - cue.weight / 2, hits - 1);
            if (cue.detail == null) {
                doubt.merge(cue.kind, miss, (a, b) -> a * b);
            } else {
                details.computeIfAbsent(cue.kind, k -> new LinkedHashMap<>()).merge(cue.detail, 1 - miss, Double::sum);
                if (cue.kind != IntentKind.QUESTION) {
                    doubt.merge(cue.kind, miss, (a, b) -> a * b);
                }
            }
        }
        if (firstContact) {
            doubt.merge(IntentKind.FIRST_CONTACT, 0.4, (a, b) -> a * b);
        }
        if (!doubt.containsKey(IntentKind.QUESTION)) {
            details.remove(IntentKind.QUESTION);
        }
        closingOnlyWhenNothingElseIsOpen(body, all, doubt);
        List<IntentScore> scores = new ArrayList<>();
        for (Map.Entry<IntentKind, Double> e : doubt.entrySet()) {
            double confidence = Math.min(0.97, 1 - e.getValue());
            if (confidence < THRESHOLD) {
                continue;
            }
            String detail = details.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (e.getKey() == IntentKind.QUESTION && detail == null) {
                detail = "product";
            }
            scores.add(new IntentScore(e.getKey(), detail, Math.round(confidence * 100) / 100.0));
        }
        scores.sort(Comparator.comparingDouble(IntentScore::confidence).reversed()
                .thenComparing(s -> s.kind().ordinal()));
        return scores;
    }

    /**
     * A message closes a conversation only when it is short and asks and reports nothing new: "thanks, all
     * sorted!" does, "it arrived, but one heel is scratched" does not.
     */
    private static void closingOnlyWhenNothingElseIsOpen(String body, String all, Map<IntentKind, Double> doubt) {
        if (!doubt.containsKey(IntentKind.CLOSING)) {
            return;
        }
        boolean open = all.indexOf('?') >= 0 || doubt.containsKey(IntentKind.PROBLEM) || doubt.containsKey(IntentKind.RETURN)
                || body.strip().length() > 600;
        if (open) {
            doubt.remove(IntentKind.CLOSING);
        } else if (doubt.containsKey(IntentKind.THANKS)) {
            doubt.merge(IntentKind.CLOSING, 0.6, (a, b) -> a * b);
        }
    }

    static boolean has(List<IntentScore> scores, IntentKind kind) {
        return scores.stream().anyMatch(s -> s.kind() == kind);
    }

    static String detailOf(List<IntentScore> scores, IntentKind kind) {
        return scores.stream().filter(s -> s.kind() == kind).findFirst().map(IntentScore::detail).orElse(null);
    }

    /**
     * The template a reply starts from. The order is the owner's order of concern: a return or a problem is
     * answered before a question, a question before thanks.
     */
    static String template(List<IntentScore> scores) {
        String problem = detailOf(scores, IntentKind.PROBLEM);
        boolean faulty = "damaged".equals(problem) || "wrong-item".equals(problem);
        if (has(scores, IntentKind.RETURN) && !faulty) {
            return "return";
        }
        // "I have a problem with most boots: do you make…" is a question; a faulty or late order is a problem.
        if (has(scores, IntentKind.PROBLEM) && (problem != null || !has(scores, IntentKind.QUESTION))) {
            return "late".equals(problem) ? "late-order" : "problem";
        }
        if (has(scores, IntentKind.ORDER_STATUS)) {
            return "order-status";
        }
        if (has(scores, IntentKind.CLOSING)) {
            return "closing";
        }
        if (has(scores, IntentKind.QUESTION)) {
            // A first-time customer's question gets its specific answer; the template welcomes them (firstContact).
            return "size".equals(detailOf(scores, IntentKind.QUESTION)) ? "sizing" : "question";
        }
        if (has(scores, IntentKind.THANKS) || has(scores, IntentKind.PERSONAL_STORY)) {
            return "thanks";
        }
        if (has(scores, IntentKind.FIRST_CONTACT)) {
            return "first-contact";
        }
        return "general";
    }

    /** The sentence that best shows what the customer wrote about: the first one carrying a cue of the main intent. */
    static String excerpt(List<IntentScore> scores, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        IntentKind main = scores.isEmpty() ? null : mainKind(scores);
        String first = null;
        for (String raw : SENTENCE_END.split(text.strip())) {
            String sentence = raw.replaceAll("\\s+", " ").strip();
            if (sentence.length() < 12 || GREETING.matcher(sentence).matches()) {
                continue;
            }
            if (first == null) {
                first = sentence;
            }
            String lower = sentence.toLowerCase(Locale.ROOT);
            if (main != null && CUES.stream().anyMatch(c -> c.kind == main && c.pattern.matcher(lower).find())) {
                return shorten(sentence);
            }
        }
        return first == null ? null : shorten(first);
    }

    private static IntentKind mainKind(List<IntentScore> scores) {
        return switch (template(scores)) {
            case "return" -> IntentKind.RETURN;
            case "late-order", "problem" -> IntentKind.PROBLEM;
            case "order-status" -> IntentKind.ORDER_STATUS;
            case "closing" -> IntentKind.CLOSING;
            case "sizing", "question", "first-contact" -> IntentKind.QUESTION;
            case "thanks" -> has(scores, IntentKind.THANKS) ? IntentKind.THANKS : IntentKind.PERSONAL_STORY;
            default -> scores.getFirst().kind();
        };
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

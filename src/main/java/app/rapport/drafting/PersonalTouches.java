package app.rapport.drafting;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.FactState;

/**
 * Chooses the one or two remembered facts a draft may mention and words each as a sentence. Only facts the owner
 * vouched for or that were found with high confidence, each read from an earlier email of this customer, and
 * never one told in confidence or a sensitive one about health or work. The sentence uses the fact's own words,
 * so whatever the draft says about the customer can be found in their mail.
 */
final class PersonalTouches {

    record Picked(Fact fact, String text) {
    }

    private static final Pattern IN_CONFIDENCE = Pattern.compile(
            "\\b(in (strict )?confidence|between (you and me|us)|(just )?between ourselves|don'?t tell|do not tell"
                    + "|keep (this|it) (to yourself|between us|quiet|private)|confidential|privately|secret|off the record"
                    + "|not supposed to (know|tell)|please don'?t mention)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SENSITIVE = Set.of("illness", "looking for a job");
    private static final Pattern ANIMAL = Pattern.compile("^(dog|cat|puppy|kitten|horse)\\b");

    private PersonalTouches() {
    }

    /**
     * @param template        the template the draft uses: a complaint gets at most one quiet touch
     * @param currentMessage  the message being answered; its facts are not "remembered", the customer just said them
     */
    static List<Picked> pick(List<Fact> facts, String template, long currentMessage) {
        int max = switch (template) {
            case "late-order", "problem", "return", "order-status", "closing" -> 1;
            default -> 2;
        };
        List<Picked> picked = new ArrayList<>();
        Set<FactKind> used = EnumSet.noneOf(FactKind.class);
        for (FactKind kind : preference(template)) {
            for (Fact f : facts) {
                if (picked.size() >= max) {
                    return picked;
                }
                if (f.kind() != kind || used.contains(kind) || !usable(f, currentMessage)) {
                    continue;
                }
                String text = sentence(f, template);
                if (text != null) {
                    picked.add(new Picked(f, text));
                    used.add(kind);
                }
            }
        }
        return picked;
    }

    static boolean usable(Fact f, long currentMessage) {
        boolean trusted = f.state().vouched() || (f.state() == FactState.SUGGESTED && f.strong());
        return trusted && f.messageId() != null && f.messageId() != currentMessage
                && (f.sentence() == null || !IN_CONFIDENCE.matcher(f.sentence()).find())
                && !SENSITIVE.contains(f.value().toLowerCase(Locale.ROOT));
    }

    private static List<FactKind> preference(String template) {
        return switch (template) {
            case "sizing" -> List.of(FactKind.SIZE, FactKind.PRODUCT, FactKind.PLACE);
            case "late-order", "problem", "order-status" -> List.of(FactKind.PROBLEM, FactKind.PRODUCT);
            case "return" -> List.of(FactKind.SIZE, FactKind.PRODUCT);
            case "closing" -> List.of(FactKind.OCCASION, FactKind.PERSON);
            default -> List.of(FactKind.OCCASION, FactKind.PERSON, FactKind.PLACE, FactKind.PRODUCT, FactKind.TASTE);
        };
    }

    /** The sentence for a fact, or null when there is no natural way to mention it. */
    static String sentence(Fact f, String template) {
        String v = f.value().strip();
        String when = f.when() == null || f.when().isBlank() ? "" : " " + f.when().strip();
        return switch (f.kind()) {
            case PLACE -> "I hope all is well in " + v + ".";
            case PERSON -> person(v);
            case OCCASION -> switch (v.toLowerCase(Locale.ROOT)) {
                case "moving house" -> "Good luck with moving house" + when + "!";
                case "wedding" -> "All the very best for the wedding" + when + "!";
                case "new job" -> "I hope the new job is going well.";
                case "holiday" -> "I hope you had a lovely holiday" + when + ".";
                default -> v.toLowerCase(Locale.ROOT).startsWith("birthday")
                        ? "And I hope the birthday" + when + " is a happy one." : null;
            };
            case PRODUCT -> v.endsWith("(asked about)") ? null : "I hope you are still enjoying your " + stripArticle(v) + ".";
            case SIZE -> "sizing".equals(template) || "return".equals(template)
                    ? "I still have your note from last time: " + v + "." : null;
            case TASTE -> v.startsWith("likes ") ? "I remember that you like " + v.substring(6) + "." : null;
            case PROBLEM -> v.equals("problem resolved") ? null
                    : "I have not forgotten the trouble you had before (" + v + "), so I am keeping a close eye on this.";
            default -> null;
        };
    }

    private static String person(String v) {
        String[] words = v.split("\\s+", 2);
        String role = words[0];
        String name = words.length > 1 ? words[1] : null;
        if (ANIMAL.matcher(role).find()) {
            return name == null ? "A pat for your " + role + " from me." : "Give " + name + " a pat from me.";
        }
        return name == null ? "Warm greetings to your " + role + ", too." : "Warm greetings to " + name + ", too.";
    }

    private static String stripArticle(String v) {
        return v.replaceFirst("(?i)^(a pair of|a|an|the|my|our|two|three|some)\\s+", "");
    }
}

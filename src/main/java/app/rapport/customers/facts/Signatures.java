package app.rapport.customers.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.customers.FactKind;
import app.rapport.customers.FoundFact;

/**
 * Reads the signature block below a "-- " line, or else below the last closing words ("Best regards,"): the
 * writer's role and company ("Head of Research, Acme Labs", or the two on lines of their own) and the town of a
 * postal address ("D-78462 Konstanz"). Only lines of those clear shapes count.
 */
public final class Signatures {

    private static final int MAX_LINES = 8;
    private static final Pattern QUOTE = Pattern.compile("^(>|On .{4,200} wrote:|Am .{4,200} schrieb|-{2,}\\s*Original Message|From: ).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLE_AT = Pattern.compile(
            "^(?<role>(?:[\\p{Lu}][\\p{L}&/-]*\\s+){0,3}(?:Engineer|Manager|Director|Designer|Owner|Founder|Co-founder|Professor|Student"
                    + "|Researcher|Consultant|Developer|Scientist|Architect|Officer|Lead|Head of [\\p{Lu}][\\p{L}]+|CEO|CTO|COO|Teacher|Nurse|Doctor"
                    + "|Lawyer|Photographer|Editor|Writer|Buyer|Assistant|Technician|Analyst))\\s*(?:,|\\bat\\b|\\||–|-)\\s*(?<org>[\\p{Lu}][\\p{L}\\p{N}&.,' -]{1,60})$");
    /** A role on a line of its own ("SDR Applications Engineer"), with the organisation on the next line. */
    private static final Pattern ROLE_ALONE = Pattern.compile(
            "^(?<role>(?:[\\p{Lu}][\\p{L}&/-]*\\s+){0,3}(?:Engineer|Manager|Director|Designer|Owner|Founder|Co-founder|Professor|Student"
                    + "|Researcher|Consultant|Developer|Scientist|Architect|Officer|Head of [\\p{Lu}][\\p{L}]+|CEO|CTO|COO|Teacher|Nurse|Doctor"
                    + "|Lawyer|Photographer|Editor|Writer|Buyer|Assistant|Technician|Analyst))$");
    private static final Pattern ORGANISATION = Pattern.compile("^(?<org>[\\p{Lu}][\\p{L}\\p{N}&.,' -]{1,60})$");
    /** The closing words after which mail clients and people put their name and signature. */
    private static final Pattern CLOSING = Pattern.compile(
            "^(?:(?:best|kind|warm|many|with\\s+best)?\\s*regards|best(?:\\s+wishes)?|cheers|sincerely|yours(?:\\s+sincerely|\\s+truly)?"
                    + "|thanks(?:\\s+again|\\s+a\\s+lot|\\s+in\\s+advance)?|thank\\s+you|many\\s+thanks|br)\\s*[,.!]?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSTAL_TOWN = Pattern.compile(
            "^(?:.*,\\s*)?(?:[A-Z]{1,2}-)?\\d{4,5}\\s+(?<town>\\p{Lu}[\\p{L}-]+(?:\\s(?:am|an|im|bei|sur|de)\\s\\p{Lu}[\\p{L}-]+)?)(?:,\\s*\\p{Lu}[\\p{L} ]+)?\\s*$");

    private Signatures() {
    }

    /** The signature block of a message's full text, or an empty string when it has none. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (QUOTE.matcher(line.strip()).matches()) {
                break;
            }
            if (line.equals("-- ") || line.equals("--")) {
                List<String> block = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && block.size() < MAX_LINES; j++) {
                    String l = lines.get(j).strip();
                    if (QUOTE.matcher(l).matches()) {
                        break;
                    }
                    if (!l.isEmpty()) {
                        block.add(l);
                    }
                }
                return String.join("\n", block);
            }
        }
        return afterClosing(text);
    }

    /** Without a "-- " line, the lines below the last closing ("Best regards,") before any quoted mail. */
    private static String afterClosing(String text) {
        List<String> own = ownLines(text).stream().map(String::strip).toList();
        for (int i = own.size() - 1; i >= 0; i--) {
            if (CLOSING.matcher(own.get(i)).matches()) {
                List<String> block = own.subList(i + 1, own.size()).stream().filter(l -> !l.isEmpty()).toList();
                return block.size() <= MAX_LINES ? String.join("\n", block) : "";
            }
        }
        return "";
    }

    /** The lines of a message's full text that come before any quoted mail: the writer's own words and signature. */
    public static List<String> ownLines(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> own = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").lines().toList()) {
            if (QUOTE.matcher(line.strip()).matches()) {
                break;
            }
            own.add(line);
        }
        return own;
    }

    /** Facts said by the shape of signature lines. */
    public static List<FoundFact> facts(String signature) {
        List<FoundFact> found = new ArrayList<>();
        List<String> lines = signature.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher alone = ROLE_ALONE.matcher(line);
            if (alone.matches() && i + 1 < lines.size()) {
                Matcher org = ORGANISATION.matcher(lines.get(i + 1));
                if (org.matches() && !ROLE_ALONE.matcher(lines.get(i + 1)).matches()) {
                    found.add(new FoundFact(FactKind.WORK, alone.group("role").strip() + ", " + org.group("org").strip(),
                            null, line, 0.8));
                }
            }
            Matcher role = ROLE_AT.matcher(line);
            if (role.matches()) {
                found.add(new FoundFact(FactKind.WORK, role.group("role").strip() + ", " + role.group("org").strip(),
                        null, line, 0.8));
            }
            Matcher town = POSTAL_TOWN.matcher(line);
            if (town.matches()) {
                found.add(new FoundFact(FactKind.PLACE, town.group("town"), null, line, 0.8));
            }
        }
        return found;
    }
}

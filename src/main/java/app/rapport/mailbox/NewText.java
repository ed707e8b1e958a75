package app.rapport.mailbox;

import java.util.regex.Pattern;

/**
 * Finds what the sender wrote in this message: the text above the quoted earlier mail and above the signature.
 */
public final class NewText {

    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "^(On .{4,200} wrote:|Am .{4,200} schrieb .{1,200}:|Le .{4,200} a écrit ?:|El .{4,200} escribió:"
                    + "|-{2,}\\s*Original Message\\s*-{2,}|-{2,}\\s*Ursprüngliche Nachricht\\s*-{2,}"
                    + "|_{10,}|From: .+|Von: .+|De: .+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(Sent from my .+|Von meinem .+ gesendet|Get Outlook for .+|Envoyé de mon .+)$", Pattern.CASE_INSENSITIVE);

    private NewText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (line.equals("-- ") || line.equals("--") || trimmed.startsWith(">")
                    || QUOTE_HEADER.matcher(trimmed).matches() || SIGN_OFF.matcher(trimmed).matches()) {
                break;
            }
            out.append(line).append('\n');
        }
        String result = out.toString().strip();
        return result.isEmpty() ? text.strip() : result;
    }
}

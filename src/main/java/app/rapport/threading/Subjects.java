package app.rapport.threading;

import java.util.regex.Pattern;

/** Subject lines without the reply and forward prefixes mail clients add. */
public final class Subjects {

    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*((re|aw|sv|vs|antw|réf|ref|fw|fwd|wg|tr|rv)(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

    private Subjects() {
    }

    /** "Re: AW: Fwd: Boots" becomes "Boots". */
    public static String base(String subject) {
        if (subject == null) {
            return "";
        }
        return PREFIX.matcher(subject).replaceFirst("").strip();
    }
}

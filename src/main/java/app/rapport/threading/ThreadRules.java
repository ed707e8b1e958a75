package app.rapport.threading;

import java.time.Duration;
import java.util.Locale;

/**
 * The rules every threader in Rapport follows, in memory ({@link JwzThreader}, {@link BulkThreading}) and in the
 * database ({@code ConversationAssigner}), so all of them put the same messages together.
 * <ul>
 *   <li>Messages linked by Message-ID, References or In-Reply-To belong together, in either arrival order.</li>
 *   <li>A person's reply to bulk mail (a newsletter, a list post seen by the shop's customers) is not linked to
 *       it: each customer who answers a newsletter gets a conversation of their own. Bulk mail answering bulk
 *       mail (a mailing list's own threads) links as usual.</li>
 *   <li>Replies to the same message that is not stored belong together only when they are bulk mail (a
 *       list's thread whose first post is missing); people's mail links only through stored messages.</li>
 *   <li>Only a message without References and In-Reply-To may join by subject, and only a conversation with the
 *       same base subject, with the same customer, whose latest earlier message is at most {@link #SUBJECT_WINDOW} older.</li>
 * </ul>
 */
public final class ThreadRules {

    /** How far apart in time two messages may be to join by subject alone. */
    public static final Duration SUBJECT_WINDOW = Duration.ofDays(14);

    private ThreadRules() {
    }

    /** Whether a message may be linked to the parent it names. */
    public static boolean mayLink(boolean childAutomated, boolean parentAutomated) {
        return !parentAutomated || childAutomated;
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** The key messages are compared by for the subject fallback, or null when the subject says nothing. */
    public static String subjectKey(String subject) {
        String base = SPACES.matcher(Subjects.base(subject).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return base.isEmpty() || base.equals("(no subject)") ? null : base;
    }
}

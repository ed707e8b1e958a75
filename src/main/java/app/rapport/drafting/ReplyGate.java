package app.rapport.drafting;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import app.rapport.mailbox.StoredMessage;

/**
 * Whether a customer's message should get a reply at all. The mailbox already marks mail whose headers say it
 * is automatic; this also reads the words, for automatic mail that does not say so in its headers, list traffic
 * the owner only receives as a subscriber, and messages that close a conversation.
 */
final class ReplyGate {

    /** What to do with a message. A closing message gets an optional short note, not a full reply. */
    enum Outcome { REPLY, NOTE, SKIP }

    record Verdict(Outcome outcome, String reason) {
        boolean drafts() {
            return outcome != Outcome.SKIP;
        }
    }

    private static final Pattern AUTO_BODY = Pattern.compile(
            "\\b(i am|i'm) (currently )?(out of (the )?office|away from (the )?office|on (annual )?leave|on vacation|on holiday)"
                    + "|\\bthis is an automatic(ally generated)? (reply|response|message|notification)"
                    + "|\\bdo not reply to this (e-?mail|message)|\\bthis (e-?mail|message) was sent automatically"
                    + "|\\bich bin (derzeit |bis .{1,30} )?nicht im büro",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_BODY = Pattern.compile(
            "\\b(delivery (has )?failed|could not be delivered|undeliverable|message (was )?not delivered"
                    + "|delivery status notification|returned mail|mail delivery (subsystem|failed)|recipient address rejected"
                    + "|user unknown|mailbox unavailable)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEWSLETTER_BODY = Pattern.compile(
            "\\b(unsubscribe|view (this|it) in (your|a) browser|manage (your )?(email )?preferences"
                    + "|you are receiving this (e-?mail|newsletter)|abmelden)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_FOOTER = Pattern.compile(
            "(?m)^_{20,}\\s*$\\s*^\\S.*\\bmailing list\\b|^\\S+ mailing list\\s*$|\\blistinfo\\b|\\bmailman\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_SUBJECT_TAG = Pattern.compile("^(re:\\s*)*\\[[\\w .-]{2,40}]",
            Pattern.CASE_INSENSITIVE);

    private ReplyGate() {
    }

    /**
     * @param shopAddresses the shop's own addresses, to tell mail sent to the owner from mail sent to a list
     */
    static Verdict decide(StoredMessage m, Set<String> shopAddresses, List<IntentScore> intents) {
        if (m.automated() != null) {
            return skip("No reply needed: " + m.automated() + ".");
        }
        String text = m.text() == null ? "" : m.text();
        String head = text.length() > 3000 ? text.substring(0, 3000) : text;
        if (BOUNCE_BODY.matcher(m.subject() == null ? "" : m.subject()).find()
                || (BOUNCE_BODY.matcher(head).find() && text.length() < 6000 && !Intents.has(intents, IntentKind.QUESTION))) {
            return skip("No reply needed: a delivery report (the message says it could not be delivered).");
        }
        if (AUTO_BODY.matcher(head).find() && text.length() < 2000) {
            return skip("No reply needed: an automatic reply (out of office).");
        }
        boolean toShop = m.toAddresses().stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(shopAddresses::contains);
        if (LIST_FOOTER.matcher(text).find() || (!toShop && LIST_SUBJECT_TAG.matcher(m.subject()).find())) {
            if (!toShop) {
                return skip("No reply needed: mailing-list traffic not addressed to you.");
            }
        }
        String tail = text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        if (NEWSLETTER_BODY.matcher(tail).find() && !Intents.has(intents, IntentKind.QUESTION)
                && !Intents.has(intents, IntentKind.PROBLEM) && !Intents.has(intents, IntentKind.RETURN)) {
            return skip("No reply needed: a newsletter or bulk mail (it has an unsubscribe link).");
        }
        if (Intents.has(intents, IntentKind.CLOSING)) {
            return new Verdict(Outcome.NOTE, "Closes the conversation: no reply needed."
                    + " A short note is ready if you would like to send one.");
        }
        return new Verdict(Outcome.REPLY, null);
    }

    private static Verdict skip(String reason) {
        return new Verdict(Outcome.SKIP, reason);
    }
}

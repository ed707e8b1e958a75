package app.rapport.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * What the parser reads out of one raw message.
 *
 * @param messageId    Message-ID without angle brackets; synthetic ({@code sha256.…@rapport.invalid}) when absent
 * @param references   References then In-Reply-To, de-duplicated, oldest first
 * @param text         the readable body: the text/plain part, else the HTML part as text
 * @param html         the HTML part as sent, or null: when there is none, and beside a text part with words in it
 *                     when the message was {@linkplain MessageParser#readForStorage read for storing}
 * @param hasHtml      whether the message has an HTML part
 * @param automated    why this is automatic or bulk mail, or null for mail a person wrote
 * @param textFromHtml true when there was no text part and {@code text} was made from the HTML
 * @param newText      what the sender wrote (see {@link NewText}), or null when it was not computed yet
 * @param warnings     what looked wrong or hostile (a display name showing another address, a NUL in From…)
 */
public record ParsedMessage(String messageId, List<String> references, String fromAddress, String fromName,
                            List<String> toAddresses, String subject, Instant date, String text, String html,
                            boolean hasHtml, String automated, boolean textFromHtml, String newText, List<String> warnings) {

    /** The Message-ID of the message this one answers (the last of its references), or null. */
    public String parentId() {
        return references.isEmpty() ? null : references.getLast();
    }

    /** This message with its new text found, when it was not yet. */
    public ParsedMessage withNewText() {
        if (newText != null) {
            return this;
        }
        return new ParsedMessage(messageId, references, fromAddress, fromName, toAddresses, subject, date, text, html,
                hasHtml, automated, textFromHtml, NewText.of(this), warnings);
    }
}

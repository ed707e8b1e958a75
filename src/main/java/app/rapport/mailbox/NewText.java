package app.rapport.mailbox;

/**
 * Finds what the sender wrote in a message: the text above (or between) the quoted earlier mail, without the
 * signature, mobile sign-off, disclaimer, list footer or forwarded mail. The full body stays stored beside it
 * for display; this is what drafting and search read as "what the customer said".
 */
public final class NewText {

    private NewText() {
    }

    /** The new text of a plain-text body; the whole body when cutting would leave nothing. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String cut = PlainReplies.newText(text);
        return cut.isEmpty() ? text.strip() : cut;
    }

    /** The new text of an HTML body, read from the structure mail clients give their quotes. */
    public static String ofHtml(String html) {
        if (html == null) {
            return "";
        }
        String cut = HtmlReplies.newText(html);
        return cut.isEmpty() ? HtmlText.toText(html) : cut;
    }

    /**
     * The new text of a parsed message: from its text part when it has one (every client writes its quotes
     * there as words or {@code >}), else from its HTML part.
     */
    public static String of(ParsedMessage message) {
        if (message.text() != null && !message.text().isBlank() && !message.textFromHtml()) {
            return of(message.text());
        }
        if (message.html() != null) {
            return ofHtml(message.html());
        }
        return of(message.text());
    }
}

package app.rapport.mailbox;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Finds the new text of an HTML body from the structure mail clients give their quotes: Gmail's
 * {@code gmail_quote}, Apple's and Thunderbird's {@code blockquote type=cite}, Outlook's {@code divRplyFwdMsg}
 * and border-top header box, Yahoo's {@code yahoo_quoted}. What is left is read as text and cut once more by
 * {@link PlainReplies}, which catches the quotes that only show as words.
 */
final class HtmlReplies {

    /** Quotes: the element and everything after it is earlier mail. */
    private static final String QUOTE_STARTS = String.join(", ",
            "div.gmail_quote", "div.gmail_quote_container", "blockquote.gmail_quote", "div#divRplyFwdMsg",
            "div#appendonsend", "div#OLK_SRC_BODY_SECTION", "div.moz-cite-prefix", "div.moz-forward-container",
            "blockquote[type=cite]", "div.yahoo_quoted", "hr#stopSpelling", "div#mail-editor-reference-message-container",
            "div.OutlookMessageHeader", "div[style~=(?i)border-top:\\s*solid\\s+#(?:B5C4DF|E1E1E1)]",
            "blockquote");
    /** Signatures: removed, but what follows them stays. */
    private static final String SIGNATURES = "div.gmail_signature, div.moz-signature, pre.moz-signature, div#Signature";

    private HtmlReplies() {
    }

    static String newText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        Element body = doc.body();
        body.select(SIGNATURES).remove();
        Element first = body.selectFirst(QUOTE_STARTS);
        if (first != null) {
            cutFrom(first, body);
        }
        // Indentation in HTML source is not layout; without it the text rules see each line as written.
        return PlainReplies.newText(HtmlText.toText(body).replaceAll("(?m)^[ \\t]+", ""));
    }

    /** Removes the element and everything that follows it in document order. */
    private static void cutFrom(Element start, Element body) {
        Node node = start;
        while (node != null && node != body) {
            Node parent = node.parent();
            Node next = node.nextSibling();
            while (next != null) {
                Node after = next.nextSibling();
                next.remove();
                next = after;
            }
            node = parent;
        }
        start.remove();
    }
}

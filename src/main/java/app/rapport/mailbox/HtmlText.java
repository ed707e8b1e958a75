package app.rapport.mailbox;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/** Turns an HTML mail body into readable plain text that keeps its paragraphs and line breaks. */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "ul", "ol", "hr", "section", "article", "header", "footer");
    private static final Set<String> SKIPPED = Set.of("style", "script", "head", "title");

    private HtmlText() {
    }

    public static String toText(String html) {
        return toText(Jsoup.parse(html).body());
    }

    /** The text of an already parsed element, laid out as {@link #toText(String)} does. */
    static String toText(Element body) {
        StringBuilder out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text && !insideSkipped(text)) {
                    String t = text.text();
                    if (!t.isBlank() || (!out.isEmpty() && out.charAt(out.length() - 1) != '\n')) {
                        out.append(t.replace('\u00a0', ' '));
                    }
                } else if (node instanceof Element e) {
                    if (e.nameIs("br")) {
                        out.append('\n');
                    } else if (e.nameIs("li")) {
                        newline(out);
                        out.append("- ");
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && (e.nameIs("p") || e.normalName().matches("h[1-6]"))) {
                    newline(out);
                    out.append('\n');
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        });
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static boolean insideSkipped(Node node) {
        for (Node p = node.parent(); p != null; p = p.parent()) {
            if (p instanceof Element e && SKIPPED.contains(e.normalName())) {
                return true;
            }
        }
        return false;
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}

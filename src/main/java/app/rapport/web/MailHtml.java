package app.rapport.web;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes a customer's HTML mail safe to show: only harmless elements and attributes survive, links open in a
 * new tab without a referrer, and nothing that would load from the network (images, CSS {@code url()},
 * {@code @import}) is kept until the owner allows remote content. The result is still shown only inside a
 * sandboxed frame with its own strict Content-Security-Policy: two independent layers.
 */
final class MailHtml {

    /** The safe document, and how many remote resources were held back. */
    record Cleaned(String html, int blockedRemote) {
    }

    private static final Pattern DANGEROUS_CSS = Pattern.compile(
            "url\\s*\\(|@import|expression\\s*\\(|behavior\\s*:|-moz-binding|javascript\\s*:|\\\\", Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE_CSS = Pattern.compile("url\\s*\\(\\s*['\"]?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA_IMAGE = Pattern.compile("^data:image/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\\s]+$");

    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("center", "font", "hr", "s", "del", "ins", "abbr", "address", "big", "tt")
            .addAttributes(":all", "style", "align", "valign", "dir", "lang", "title")
            .addAttributes("table", "border", "cellpadding", "cellspacing", "width", "bgcolor")
            .addAttributes("td", "width", "height", "bgcolor", "nowrap")
            .addAttributes("th", "width", "height", "bgcolor", "nowrap")
            .addAttributes("tr", "bgcolor")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("img", "width", "height", "border")
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "http", "https", "data")
            .removeProtocols("a", "href", "ftp")
            .removeProtocols("blockquote", "cite", "http", "https")
            .removeProtocols("q", "cite", "http", "https")
            .removeAttributes("blockquote", "cite")
            .removeAttributes("q", "cite");

    private MailHtml() {
    }

    static Cleaned clean(String html, boolean allowRemote) {
        Document dirty = Jsoup.parse(html == null ? "" : html);
        Document clean = new Cleaner(SAFE).clean(dirty);
        int blocked = 0;
        for (Element styled : clean.select("[style]")) {
            String style = styled.attr("style");
            if (REMOTE_CSS.matcher(style).find()) {
                blocked++;
            }
            if (DANGEROUS_CSS.matcher(style).find()) {
                styled.removeAttr("style");
            }
        }
        for (Element img : clean.select("img")) {
            String src = img.attr("src").strip();
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("data:")) {
                if (!DATA_IMAGE.matcher(src).matches()) {
                    img.removeAttr("src");
                }
            } else if (lower.startsWith("http:") || lower.startsWith("https:")) {
                if (!allowRemote) {
                    blocked++;
                    String alt = img.attr("alt").strip();
                    img.replaceWith(new Element("span").addClass("held-back")
                            .text(alt.isEmpty() ? "[image]" : "[image: " + alt + "]"));
                }
            } else {
                img.remove();
            }
        }
        for (Element link : clean.select("a[href]")) {
            link.attr("target", "_blank").attr("rel", "noopener noreferrer");
        }
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<style>body{font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.55;color:#2a2420;"
                + "margin:12px;overflow-wrap:anywhere}img{max-width:100%;height:auto}"
                + ".held-back{color:#6b6158;font-family:system-ui,sans-serif;font-size:13px}</style></head><body>"
                + clean.body().html() + "</body></html>";
        return new Cleaned(page, blocked);
    }
}

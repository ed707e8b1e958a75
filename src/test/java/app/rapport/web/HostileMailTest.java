package app.rapport.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import app.rapport.support.Chromium;
import app.rapport.support.LoopTest;
import app.rapport.support.RequestCounter;
import app.rapport.support.RichMail;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Known webmail XSS payloads, in the body, subject, sender name, attachment name and a draft, opened in a real
 * Chromium. Every payload would call the canary if it ran; every remote reference points at a stand-in remote
 * host. Neither may see a request, until the owner allows remote content, which loads images and nothing else.
 */
class HostileMailTest extends LoopTest {

    private static Chromium chromium;
    private static RequestCounter canary;
    private static RequestCounter remote;

    @BeforeAll
    static void start() {
        chromium = Chromium.launch();
        canary = new RequestCounter();
        remote = new RequestCounter();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (canary != null) {
            canary.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private static String ran(String label) {
        return "fetch('" + canary.url("/" + label) + "')";
    }

    private static String payloads() {
        String svgWithScript = java.util.Base64.getEncoder().encodeToString(
                ("<svg xmlns='http://www.w3.org/2000/svg' id='x'><script>" + ran("svg-use") + "</script></svg>").getBytes());
        return String.join("\n",
                "<p>Hello Clara, the boots are lovely.</p>",
                "<script>" + ran("script-tag") + "</script>",
                "<img src=x onerror=\"" + ran("onerror") + "\">",
                "<svg><use href=\"data:image/svg+xml;base64," + svgWithScript + "#x\"></use></svg>",
                "<svg><a><animate attributeName=\"href\" values=\"javascript:" + ran("animate") + "\"/>"
                        + "<text x=\"10\" y=\"20\">animated link</text></a></svg>",
                "<a id=\"ctl\" href=\"java&#1;script:" + ran("control-char") + "\">control character link</a>",
                "<a id=\"tab\" href=\"jav&#x09;ascript:" + ran("tab-url") + "\">tab link</a>",
                "<map name=\"m\"><area shape=\"rect\" coords=\"0,0,100,100\" href=\"javascript:" + ran("area") + "\"></map>",
                "<img usemap=\"#m\" src=\"" + remote.url("/area-map.png") + "\">",
                "<div onmouseover=\"" + ran("event-handler") + "\" style=\"width:expression(" + ran("css-expression")
                        + ");background:url(" + remote.url("/css-background.png") + ")\">hover me</div>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:" + ran("meta-refresh") + "\">",
                "<style>@import url(" + remote.url("/import.css") + "); body{background:url(" + remote.url("/style-bg.png") + ")}</style>",
                "<svg><filter id=\"f\"><feImage href=\"" + remote.url("/feimage.png") + "\"/></filter>"
                        + "<rect width=\"10\" height=\"10\" filter=\"url(#f)\"/></svg>",
                "<iframe src=\"javascript:" + ran("iframe") + "\"></iframe>",
                "<object data=\"javascript:" + ran("object") + "\"></object>",
                "<form action=\"" + canary.url("/form") + "\"><button>send</button></form>",
                "<img src=\"" + remote.url("/pixel.png") + "\" alt=\"tracking pixel\">");
    }

    @Test
    void hostileMailRunsNothingAndLoadsNothingUntilTheOwnerAllowsImages() throws Exception {
        String address = "mallory@hostile.example";
        RichMail.send(mailServer.smtpPort(), address, "<img src=x onerror=\"" + ran("sender-name") + "\">Mallory", SHOP,
                "<script>" + ran("subject") + "</script>Boots for a hostile test",
                "Plain part <script>" + ran("text-part") + "</script>", payloads(),
                "<img src=x onerror=\"" + ran("attachment-name") + "\">.html", "text/html; charset=UTF-8",
                "<script>" + ran("attachment-body") + "</script><h1>invoice</h1>", "mallory.1@hostile.example");
        Page page = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions().setAcceptDownloads(true))
                .newPage();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByLabel("Password").press("Enter");
        page.waitForURL("**/inbox");

        await().pollInSameThread().until(() -> {
            page.navigate("http://localhost:" + port + "/inbox");
            return page.locator("a.row", new Page.LocatorOptions().setHasText("Boots for a hostile test")).count() == 1;
        });
        page.locator("a.row", new Page.LocatorOptions().setHasText("Boots for a hostile test")).click();
        assertThat(page.locator("h1")).containsText("<script>");

        Response frame = page.waitForResponse(r -> r.url().contains("/html"),
                () -> page.locator("details.original summary").click());
        assertThat(frame.headerValue("content-security-policy")).contains("sandbox").contains("default-src 'none'");
        assertThat(page.frameLocator("iframe.mail-frame").locator("body")).containsText("the boots are lovely");
        assertThat(page.locator(".held-back")).containsText("not loaded");

        Download download = page.waitForDownload(() -> page.locator(".attachments a").click());
        assertThat(download.suggestedFilename()).endsWith(".html");

        page.getByLabel("Message").fill("<script>" + ran("draft") + "</script><img src=x onerror=\"" + ran("draft-img") + "\">");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Save draft")).click();
        assertThat(page.getByLabel("Message")).hasValue(java.util.regex.Pattern.compile("^<script>"));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                canary.paths().isEmpty() && remote.paths().isEmpty());
        assertThat(dialogs).isEmpty();

        page.locator("details.original summary").first().click();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Show them in this message")).click();
        assertThat(page.locator(".flash.notice")).containsText("Images are shown for this message");
        page.locator("details.original summary").first().click();
        await().until(() -> remote.paths().contains("/pixel.png"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> canary.paths().isEmpty());
        assertThat(remote.paths()).as("only images load once allowed; styles and imports stay removed")
                .doesNotContain("/import.css", "/style-bg.png", "/css-background.png");
        assertThat(dialogs).isEmpty();
    }
}

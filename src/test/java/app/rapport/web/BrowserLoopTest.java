package app.rapport.web;

import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import app.rapport.support.Chromium;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The owner's morning in a real Chromium: sign in, open a conversation, edit and approve, search, shortcuts. */
class BrowserLoopTest extends LoopTest {

    private static Chromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private Page signIn() {
        Page page = chromium.browser().newContext().newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL("**/inbox");
        return page;
    }

    private Locator rowFor(Page page, String who) {
        return await().pollInSameThread().until(() -> {
            page.navigate("http://localhost:" + port + "/inbox");
            return page.locator("a.row", new Page.LocatorOptions().setHasText(who));
        }, rows -> rows.count() == 1);
    }

    @Test
    void ownerEditsAndApprovesADraftAndSeesItSentWithoutReloading() throws Exception {
        String customer = "lena.graf@see.example";
        Mails.send(mailServer.smtpPort(), customer, "Lena Graf", SHOP, "Resoling my Alder derbies",
                "Hello Clara, could you resole my Alder derbies before Christmas? Lena", "lena.1@see.example", null);
        Page page = signIn();

        rowFor(page, "Lena Graf").click();
        Locator reply = page.getByLabel("Message");
        assertThat(reply).hasValue(Pattern.compile("^Hello Lena,"));
        reply.fill(reply.inputValue() + "\nP.S. The red laces are on me.\n");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Approve & send")).click();

        assertThat(page.locator(".flash.notice")).containsText("Approved");
        assertThat(page.locator(".replies .badge.sent")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        // The sent copy joins the conversation when it is filed, a moment after the server accepted it.
        await().pollInSameThread().until(() -> {
            page.reload();
            return page.locator(".message.from-shop .body").allTextContents();
        }, bodies -> bodies.stream().anyMatch(b -> b.contains("P.S. The red laces are on me.")));
        await().until(() -> inboxOf(customer).size() == 1);
    }

    @Test
    void searchFindsAPastMessageAndOpensItsConversation() throws Exception {
        Mails.send(mailServer.smtpPort(), "theo.berg@hafen.example", "Theo Berg", SHOP, "Chelsea boots in navy",
                "Do you make the chelsea boots in a navy suede?", "theo.1@hafen.example", null);
        Page page = signIn();
        rowFor(page, "Theo Berg");

        page.getByLabel("Search all mail").fill("navy suede");
        page.getByLabel("Search all mail").press("Enter");

        assertThat(page.locator("a.hit mark").first()).hasText(Pattern.compile("navy|suede"));
        page.locator("a.hit").first().click();
        assertThat(page.locator("h1")).hasText("Chelsea boots in navy");
    }

    @Test
    void keyboardShortcutsMoveThroughTheInboxOpenAConversationAndEditTheReply() throws Exception {
        Mails.send(mailServer.smtpPort(), "kira.holm@fjell.example", "Kira Holm", SHOP, "Gift wrapping",
                "Could you gift-wrap a pair of Birch boots for my sister?", "kira.1@fjell.example", null);
        Page page = signIn();
        rowFor(page, "Kira Holm");

        int position = page.locator("a.row .who").allTextContents().indexOf("Kira Holm");
        for (int i = 0; i <= position; i++) {
            page.keyboard().press("j");
        }
        assertThat(page.locator("a.row.selected .who")).hasText("Kira Holm");
        page.keyboard().press("o");
        assertThat(page.locator("h1")).hasText("Gift wrapping");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
        page.keyboard().press("e");
        assertThat(page.getByLabel("Message")).isFocused();
    }
}

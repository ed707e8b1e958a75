package app.rapport.web;

import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.Facts;
import app.rapport.support.Chromium;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The owner's morning in a real Chromium: sign in, open a conversation, edit and approve, search, shortcuts. */
class BrowserLoopTest extends LoopTest {

    private static Chromium chromium;

    @Autowired
    Customers customers;

    @Autowired
    Facts facts;

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

    @Test
    void keyboardShortcutsMoveBackWithKAndApproveTheReplyWithA() throws Exception {
        Mails.send(mailServer.smtpPort(), "nils.ek@skog.example", "Nils Ek", SHOP, "Oiling the Alder boots",
                "Which oil do you use for the Alder boots?", "nils.1@skog.example", null);
        Page page = signIn();
        rowFor(page, "Nils Ek");

        int position = page.locator("a.row .who").allTextContents().indexOf("Nils Ek");
        for (int i = 0; i <= position + 1; i++) {
            page.keyboard().press("j");
        }
        page.keyboard().press("k");
        if (page.locator("a.row").count() == position + 1) {
            // Nils is the last row: j stopped on him, and k went one up; go back down.
            page.keyboard().press("j");
        }
        assertThat(page.locator("a.row.selected .who")).hasText("Nils Ek");
        page.keyboard().press("o");
        assertThat(page.locator("h1")).hasText("Oiling the Alder boots");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
        page.keyboard().press("a");

        assertThat(page.locator(".flash.notice")).containsText("Approved");
        assertThat(page.locator(".replies .badge").first()).isVisible();
    }

    @Test
    void everyPageFitsAPhoneScreenWithoutSidewaysScrolling() throws Exception {
        Mails.send(mailServer.smtpPort(), "ola.strand@vik.example", "Ola Strand", SHOP, "Boots for the harbour walk",
                "Hello! We live in Bergen. My son Per needs boots in size 36. Ola", "ola.1@vik.example", null);
        Customer ola = await().until(() -> customers.findByAddress("ola.strand@vik.example"),
                java.util.Optional::isPresent).get();
        Page page = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)).newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByLabel("Password").press("Enter");
        page.waitForURL("**/inbox");
        String conversation = rowFor(page, "Ola Strand").getAttribute("href");

        for (String path : java.util.List.of("/inbox", "/inbox?tab=outbox", "/inbox?tab=all", conversation,
                "/customers", "/customers/" + ola.id(), "/search?q=harbour", "/settings", "/settings/templates",
                "/notes", "/apologies", "/status", "/conversations/987654")) {
            page.navigate("http://localhost:" + port + path);
            Object wide = page.evaluate("document.documentElement.scrollWidth");
            org.assertj.core.api.Assertions.assertThat(((Number) wide).intValue()).as(path).isLessThanOrEqualTo(390);
        }
    }

    @Test
    void ownerConfirmsCorrectsAndRejectsSuggestedFactsAndTheChoicesStayAfterAReload() throws Exception {
        String address = "mira.falk@moor.example";
        Mails.send(mailServer.smtpPort(), address, "Mira Falk", SHOP, "Boots for the moor",
                "Hello! We live in Bremen, near the park. My son Jonas needs sturdy boots, and my birthday is in May.\n\nThanks, Mira",
                "mira.1@moor.example", null);
        Customer mira = await().until(() -> customers.findByAddress(address), java.util.Optional::isPresent).get();
        await().until(() -> facts.of(customers.addressesOf(mira.id())).size() >= 3);
        Page page = signIn();

        page.navigate("http://localhost:" + port + "/customers/" + mira.id());
        Locator place = factNamed(page, "Bremen");
        assertThat(place.locator(".badge")).hasText("Suggested");
        place.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirm")).click();
        assertThat(factNamed(page, "Bremen").locator(".badge")).hasText("Confirmed");

        Locator son = factNamed(page, "son Jonas");
        son.getByLabel("Correct this fact").fill("son Jonas (12)");
        son.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Correct")).click();
        assertThat(factNamed(page, "son Jonas (12)").locator(".badge")).hasText("Corrected");

        Locator birthday = factNamed(page, "birthday");
        assertThat(birthday).containsText("(in May)");
        birthday.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject")).click();
        assertThat(page.locator(".flash.notice")).containsText("Rejected: birthday");

        page.reload();
        assertThat(factNamed(page, "Bremen").locator(".badge")).hasText("Confirmed");
        assertThat(factNamed(page, "son Jonas (12)").locator(".badge")).hasText("Corrected");
        assertThat(factNamed(page, "son Jonas (12)")).containsText("Rapport had read: son Jonas");
        assertThat(factNamed(page, "birthday")).hasCount(0);
    }

    private static Locator factNamed(Page page, String value) {
        return page.locator("li.fact:has(.fact-value:text-is(\"" + value + "\"))");
    }
}

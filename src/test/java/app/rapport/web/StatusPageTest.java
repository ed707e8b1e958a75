package app.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

class StatusPageTest extends LoopTest {

    @Test
    void statusPageShowsEachMailboxWithItsLastCheckAndTodaysMail() {
        WebSession web = signedIn();
        await().untilAsserted(() -> {
            var page = web.get("/status");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("article.account h2").eachText()).containsExactly("demo");
            assertThat(page.html().select("article.account dd").first().text()).isNotEqualTo("not yet");
        });
        var page = web.get("/status");
        assertThat(page.html().text()).contains("Messages today").contains("Last problem none");
        assertThat(web.get("/status/accounts").html().select("#accounts")).hasSize(1);
    }

    @Test
    void statusPageNeedsSignIn() {
        var page = new WebSession(port).get("/status");
        assertThat(page.url()).contains("/login");
    }
}

package app.rapport.web;

import org.junit.jupiter.api.Test;

import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTest extends LoopTest {

    @Test
    void aConversationThatIsNotThereIsNamedWithWhatToDoNext() {
        WebSession.Page page = signedIn().get("/conversations/987654");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.html().expectFirst("h1").text()).isEqualTo("Not found");
        assertThat(page.html().title()).isEqualTo("Not found · Rapport");
        assertThat(page.html().expectFirst(".problem-page").text()).contains("No conversation with id 987654")
                .contains("search for it").contains("Back to the inbox");
    }

    @Test
    void anAddressThatLeadsNowhereSaysSoAndLeadsBackToTheInbox() throws Exception {
        WebSession web = signedIn();
        // As a browser asks: for a page, so the answer is one.
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/no-such-page"))
                        .header("Accept", "text/html").header("Cookie", "JSESSIONID=" + web.cookie("JSESSIONID")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var html = org.jsoup.Jsoup.parse(response.body());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(html.expectFirst("h1").text()).isEqualTo("Page not found");
        assertThat(html.text()).contains("nothing at this address");
        assertThat(html.select("a[href=/inbox]").text()).isEqualTo("Back to the inbox");
    }
}

package app.rapport.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rapport.support.LoopTest;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityTest extends LoopTest {

    @Test
    void pagesNeedTheOwnerToSignIn() {
        WebSession.Page page = new WebSession(port).get("/inbox");

        assertThat(page.url()).endsWith("/login");
        assertThat(page.html().select("input[name=password]")).hasSize(1);
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        WebSession.Page page = new WebSession(port).login("owner", "not-the-password");

        assertThat(page.url()).contains("/login?error");
        assertThat(page.html().select(".flash.error").text()).contains("did not match");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        WebSession web = signedIn();

        WebSession.Page page = web.post("/mailbox/check", Map.of());

        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScript() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theCheckMailButtonWorksWithItsToken() {
        WebSession web = signedIn();
        WebSession.Page inbox = web.get("/inbox");

        WebSession.Page after = web.submit(inbox, "form.check", Map.of(), null);

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.html().select(".flash").text()).containsAnyOf("No new mail.", "new message(s) fetched");
    }
}

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

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndNotSecureOverPlainHttp() throws Exception {
        String cookie = sessionCookieOf(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login")));

        assertThat(cookie).startsWith("JSESSIONID=").contains("; HttpOnly").contains("; SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void behindAProxyThatEndsTlsTheSessionCookieIsSecure() throws Exception {
        String cookie = sessionCookieOf(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login")).header("X-Forwarded-Proto", "https"));

        assertThat(cookie).startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly")
                .contains("; SameSite=Lax");
    }

    @Test
    void theNewSessionCookieGivenAtSignInHasTheSameFlags() throws Exception {
        // A client keeps Secure cookies to itself on plain HTTP, so the proxy's part is played by hand here.
        var client = java.net.http.HttpClient.newHttpClient();
        var login = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login")).header("X-Forwarded-Proto", "https").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String before = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";")[0];
        String token = org.jsoup.Jsoup.parse(login.body()).expectFirst("input[name=_csrf]").val();
        String form = "username=owner&password=" + PASSWORD + "&_csrf=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8);

        var signedIn = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-Proto", "https")
                .header("Cookie", before)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/inbox"));
        assertThat(signedIn.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").doesNotStartWith(before + ";").contains("; Secure")
                        .contains("; HttpOnly").contains("; SameSite=Lax"));
    }

    private static String sessionCookieOf(java.net.http.HttpRequest.Builder request) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }
}

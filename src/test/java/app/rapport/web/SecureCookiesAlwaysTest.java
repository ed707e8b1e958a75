package app.rapport.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.RapportApplication;
import app.rapport.support.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code rapport.web.secure-cookies=always} the session cookie is Secure even on a plain HTTP request. */
class SecureCookiesAlwaysTest {

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        Path data = Path.of(TestData.freshDirectory("cookies"));
        app = new SpringApplicationBuilder(RapportApplication.class).run(
                "--rapport.data-dir=" + data, "--server.port=0", "--rapport.web.secure-cookies=always",
                "--rapport.demo.enabled=false", "--rapport.scheduling.enabled=false",
                "--rapport.owner.password=cookie-test-secret", "--spring.main.banner-mode=off");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theSessionCookieIsSecureOnEveryRequest() throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(cookie ->
                        assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax"));
    }
}

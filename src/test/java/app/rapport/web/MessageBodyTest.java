package app.rapport.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.mailbox.Messages;
import app.rapport.support.LoopTest;
import app.rapport.support.RichMail;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MessageBodyTest extends LoopTest {

    @Autowired
    Messages messages;

    private long deliver(String id, String html, String fileName, String type, String body) throws Exception {
        RichMail.send(mailServer.smtpPort(), "nina.sommer@wald.example", "Nina Sommer", SHOP, "Photo of my boots",
                "See the photo.", html, fileName, type, body, id);
        return await().until(() -> messages.idsByMessageIds(List.of(id)), ids -> !ids.isEmpty()).getFirst();
    }

    @Test
    void anAttachmentIsAlwaysADownloadThatIsNeverSniffedOrRenderedEvenWithAMangledName() throws Exception {
        long id = deliver("nina.1@wald.example", "<p>See the photo.</p>", "boots\r\nX-Evil: 1.svg", "image/svg+xml",
                "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        WebSession web = signedIn();

        var response = web.fetch("/messages/" + id + "/attachments/0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                // The sender's mangled name cannot be read back, so the download gets a safe plain one.
                assertThat(d).startsWith("attachment;").contains("filename=\"attachment\"").doesNotContain("\r", "\n"));
        assertThat(response.headers().firstValue("X-Evil")).isEmpty();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<script>");
    }

    @Test
    void theOriginalHtmlIsServedSanitisedWithAFrameOnlyPolicy() throws Exception {
        long id = deliver("nina.2@wald.example", "<p onclick=\"x()\">Hi <b>Clara</b></p><script>x()</script>"
                + "<img src=\"https://tracker.example/p.gif\"><a href=\"https://shop.example/\">shop</a>", null, null, null);
        WebSession web = signedIn();

        var response = web.fetch("/messages/" + id + "/html");
        String html = new String(response.body(), StandardCharsets.UTF_8);

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("sandbox").contains("img-src data:;")
                        .doesNotContain("script-src"));
        assertThat(html).contains("<b>Clara</b>").doesNotContain("<script", "onclick", "tracker.example")
                .contains("[image]").contains("rel=\"noopener noreferrer\"").contains("target=\"_blank\"");
    }

    @Test
    void signingInGivesANewSessionId() {
        WebSession web = new WebSession(port);
        web.get("/login");
        String before = web.cookie("JSESSIONID");

        web.login("owner", PASSWORD);

        assertThat(before).isNotNull();
        assertThat(web.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
    }
}

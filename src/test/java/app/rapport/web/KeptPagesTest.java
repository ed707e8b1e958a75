package app.rapport.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox and conversation pages are kept between requests; they must show every change as soon as it is made,
 * and a kept page (with its session's CSRF token) goes to no other session.
 */
class KeptPagesTest extends LoopTest {

    @Autowired
    JdbcClient jdbc;

    private String conversationLink(WebSession web, String subject) {
        WebSession.Page all = await().until(() -> web.get("/inbox?tab=all"), p -> p.html().text().contains(subject));
        return all.html().expectFirst(".row:has(:containsOwn(" + subject + "))").attr("href");
    }

    private WebSession.Page withDraft(WebSession web, String link) {
        return await().until(() -> web.get(link), p -> !p.html().select("form.editor").isEmpty());
    }

    @Test
    void aSavedDraftShowsOnTheNextViewOfAKeptConversationPage() throws Exception {
        Mails.send(mailServer.smtpPort(), "oda.kept@wharf.example", "Oda Kept", SHOP, "Kept page laces",
                "Hello, do you have waxed laces in ochre?", "oda.kept.1@wharf.example", null);
        WebSession web = signedIn();
        String link = conversationLink(web, "Kept page laces");
        WebSession.Page page = withDraft(web, link);
        web.get(link);

        WebSession.Page saved = web.submit(page, "form.editor",
                Map.of("text", "Dear Oda, ochre laces are on their way to the shelf."), null);
        assertThat(saved.status()).isEqualTo(200);

        WebSession.Page again = web.get(link);
        assertThat(again.html().select(".flash")).as("a plain view, not the one after saving").isEmpty();
        assertThat(again.html().expectFirst("textarea[name=text]").wholeText())
                .isEqualTo("Dear Oda, ochre laces are on their way to the shelf.");

        web.submit(again, "form.editor", Map.of(), "button[formaction$=/discard]");
        assertThat(web.get(link).html().select("form.editor")).as("the discarded draft is gone at once").isEmpty();
    }

    @Test
    void theInboxShowsAChangeToAConversationOnTheNextView() throws Exception {
        Mails.send(mailServer.smtpPort(), "pim.kept@dock.example", "Pim Kept", SHOP, "Kept inbox heels",
                "Could you fix a broken heel?", "pim.kept.1@dock.example", null);
        WebSession web = signedIn();
        long id = Long.parseLong(conversationLink(web, "Kept inbox heels").replaceAll("\\D", ""));
        web.get("/inbox?tab=all");

        jdbc.sql("update conversations set subject = ? where id = ?").params("Kept inbox heels, renamed", id).update();

        assertThat(web.get("/inbox?tab=all").html().text()).contains("Kept inbox heels, renamed");
    }

    @Test
    void aKeptPageGoesOnlyToTheSessionWhoseTokenItHolds() throws Exception {
        Mails.send(mailServer.smtpPort(), "rue.kept@quay.example", "Rue Kept", SHOP, "Kept page soles",
                "Do you resole loafers?", "rue.kept.1@quay.example", null);
        WebSession first = signedIn();
        String link = conversationLink(first, "Kept page soles");
        withDraft(first, link);
        WebSession.Page firstPage = first.get(link);

        WebSession second = signedIn();
        WebSession.Page secondPage = second.get(link);
        String firstToken = firstPage.html().expectFirst("form.editor input[name=_csrf]").val();
        String secondToken = secondPage.html().expectFirst("form.editor input[name=_csrf]").val();
        assertThat(secondToken).isNotEqualTo(firstToken);

        WebSession.Page saved = second.submit(secondPage, "form.editor", Map.of("text", "Yes, Rue: loafers too."), null);
        assertThat(saved.status()).as("the second session's own token is accepted").isEqualTo(200);
        assertThat(saved.html().select(".flash.notice").text()).contains("Draft saved");
    }
}

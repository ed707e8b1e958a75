package app.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.rapport.mailbox.MessageIngest;
import app.rapport.outbox.Outbox;
import app.rapport.outbox.OutboxState;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

class StatusPageTest extends LoopTest {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageIngest ingest;

    @Test
    void statusPageShowsEachMailboxWithItsLastCheckAndTodaysMail() {
        WebSession web = signedIn();
        await().untilAsserted(() -> {
            var page = web.get("/status");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.html().select("article.account h3").eachText()).contains("demo");
            assertThat(page.html().select("article.account dd").first().text()).isNotEqualTo("not yet");
        });
        var page = web.get("/status");
        assertThat(page.html().select("article.account").eachText()).anySatisfy(a ->
                assertThat(a).startsWith("demo").contains("Messages today").contains("Last problem none"));
        assertThat(web.get("/status/accounts").html().select("#accounts")).hasSize(1);
        assertThat(web.get("/inbox").html().select("nav a[href=/status]").text()).isEqualTo("Status");
    }

    @Test
    void statusPageNeedsSignIn() {
        var page = new WebSession(port).get("/status");
        assertThat(page.url()).contains("/login");
    }

    @Test
    void repliesThatWereNotSentOrMayNotHaveBeenSentAreListedWithWhatToDoAndCanBeSentAgain() throws Exception {
        WebSession web = signedIn();
        // The states the sender leaves behind for a refused reply and for a connection that broke at the end of
        // DATA, set while each reply still waits out its undo window.
        long failed = approvedReply(web, "Oskar Lund", "oskar.lund@status-test.example", "Laces for the Alder boots");
        assertThat(jdbc.sql("update outbox set state = 'FAILED', last_error = ? where id = ? and state = 'QUEUED'")
                .params("the mail server refused the reply: 550 5.1.1 mailbox unavailable", failed).update()).isEqualTo(1);
        long unknown = approvedReply(web, "Pia Rask", "pia.rask@status-test.example", "Heel repair");
        assertThat(jdbc.sql("update outbox set state = 'UNKNOWN', last_error = ? where id = ? and state = 'QUEUED'")
                .params("the connection broke after the whole reply was handed over", unknown).update()).isEqualTo(1);

        WebSession.Page status = web.get("/status");

        Element notSent = status.html().expectFirst("#reply" + failed);
        assertThat(notSent.expectFirst(".badge").text()).isEqualTo("Not sent");
        assertThat(notSent.expectFirst(".reason").text()).contains("550 5.1.1 mailbox unavailable");
        assertThat(notSent.expectFirst(".advice").text()).contains("Check the address").contains("Send again");
        assertThat(notSent.select("form.mark-sent")).isEmpty();
        Element maybe = status.html().expectFirst("#reply" + unknown);
        assertThat(maybe.expectFirst(".badge").text()).isEqualTo("Check: may not have been sent");
        assertThat(maybe.expectFirst(".advice").text()).contains("Sent folder").contains("Mark as sent");
        assertThat(maybe.select("form.send-again, form.mark-sent")).hasSize(2);
        assertThat(status.html().select(".problems li.problem").eachText())
                .anySatisfy(p -> assertThat(p).contains("Reply to oskar.lund@status-test.example").contains("550 5.1.1"))
                .anySatisfy(p -> assertThat(p).contains("Reply to pia.rask@status-test.example").contains("connection broke"));

        WebSession.Page again = web.submit(status, "#reply" + failed + " form.send-again", Map.of(), null);

        assertThat(again.html().select(".flash.notice").text()).contains("sent again");
        await().until(() -> outbox.find(failed).orElseThrow().state() == OutboxState.SENT);
        assertThat(web.get("/status").html().select("#reply" + failed)).isEmpty();
    }

    @Test
    void messagesThatCannotBeReadAsMailAreListedWithTheirReasonAndWhereTheyAreKept() throws Exception {
        byte[] notMail = "\u007fELF status-page-test \u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ingest.store(notMail, new MessageIngest.Origin("demo", "INBOX", 91_001L))).isEmpty();

        WebSession.Page status = signedIn().get("/status");

        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(notMail));
        Element part = status.html().expectFirst("section.quarantine");
        assertThat(part.select("li.quarantined").eachText()).anySatisfy(q ->
                assertThat(q).contains("INBOX").contains("not an RFC 5322 message")
                        .contains(sha));
        assertThat(part.expectFirst(".hint").text()).contains("Nothing is lost").contains("raw/");
    }

    private long approvedReply(WebSession web, String name, String address, String subject) throws Exception {
        Mails.send(mailServer.smtpPort(), address, name, SHOP, subject, "Hello Clara, a question about " + subject + ".",
                address.replace('@', '.') + "@msg.example", null);
        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                p -> p.html().select(".row .who").eachText().contains(name));
        String link = inbox.html().expectFirst(".row:has(.who:containsOwn(" + name + "))").attr("href");
        await().until(() -> web.get(link).html().select("form.editor").size() == 1);
        web.submit(web.get(link), "form.editor", Map.of(), "button.primary");
        long conversation = Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        return outbox.forConversation(conversation).getFirst().id();
    }
}

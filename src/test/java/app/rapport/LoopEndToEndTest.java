package app.rapport;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner's loop, end to end: a customer writes, the poller fetches the mail over IMAP, the inbox shows the
 * conversation with a draft, the owner approves it (twice, as an impatient double click would), and the
 * customer receives exactly one reply over SMTP, threaded under their message and greeting them by name.
 */
class LoopEndToEndTest extends LoopTest {

    @Test
    void customerMailBecomesADraftWhichTheOwnerApprovesAndTheCustomerReceivesOnce() throws Exception {
        String customer = "hannah.vogel@lake.example";
        String original = Mails.send(mailServer.smtpPort(), customer, "Hannah Vogel", SHOP,
                "Thank you for the walking boots",
                "Dear Clara,\n\nthank you so much for the walking boots, they are perfect for the hills near Lindau.\n\nHannah",
                "hannah.1@lake.example", null);
        WebSession web = signedIn();

        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                page -> page.html().select(".row .who").eachText().contains("Hannah Vogel"));
        String link = inbox.html().expectFirst(".row:has(.who:containsOwn(Hannah Vogel))").attr("href");
        WebSession.Page conversation = web.get(link);

        assertThat(conversation.html().select(".message .body").text()).contains("perfect for the hills near Lindau");
        String draft = conversation.html().expectFirst("textarea[name=text]").wholeText();
        assertThat(draft).startsWith("Hello Hannah,").contains("Best wishes from Freiburg");

        web.submit(conversation, "form.editor", Map.of(), "button.primary");
        WebSession.Page replayed = web.submit(conversation, "form.editor", Map.of(), "button.primary");
        assertThat(replayed.html().select(".flash.notice").text()).contains("already approved");

        List<MimeMessage> replies = await().until(() -> receivedBy(customer), r -> !r.isEmpty());
        await().during(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(6))
                .until(() -> receivedBy(customer).size() == 1);

        MimeMessage reply = replies.getFirst();
        assertThat(reply.getSubject()).isEqualTo("Re: Thank you for the walking boots");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<hannah.1@lake.example>");
        assertThat(reply.getHeader("References", null)).contains("<hannah.1@lake.example>");
        assertThat(reply.getMessageID()).endsWith("@lindgren-shoes.example>");
        assertThat(reply.getFrom()[0].toString()).isEqualTo("Clara Lindgren <" + SHOP + ">");
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).startsWith("Hello Hannah,");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");

        WebSession.Page after = await().until(() -> web.get(link),
                page -> page.html().select(".message").size() == 2 && page.html().select(".replies .badge.sent").size() == 1);
        assertThat(after.html().select(".message.from-shop .body").text()).startsWith("Hello Hannah,");
        assertThat(after.html().select("form.editor")).as("no new draft once the owner has replied").isEmpty();
    }

    @Test
    void readingMailNeverMarksItSeenOnTheServer() throws Exception {
        Mails.send(mailServer.smtpPort(), "ole@fjord.example", "Ole Hansen", SHOP, "Do you ship to Norway?",
                "Hello, do you ship to Norway?", "ole.1@fjord.example", null);
        WebSession web = signedIn();
        await().until(() -> web.get("/inbox?tab=all"), p -> p.html().text().contains("Do you ship to Norway?"));

        var shop = mailServer.greenMail().getUserManager().getUser(SHOP);
        var inbox = mailServer.greenMail().getManagers().getImapHostManager().getInbox(shop);
        StoredMessage stored = inbox.getMessages().stream()
                .filter(m -> hasHeader(m, "Message-ID", "<ole.1@fjord.example>")).findFirst().orElseThrow();

        assertThat(stored.getFlags().contains(Flags.Flag.SEEN)).isFalse();
    }

    private static boolean hasHeader(StoredMessage m, String name, String value) {
        try {
            return value.equals(m.getMimeMessage().getHeader(name, null));
        } catch (Exception e) {
            return false;
        }
    }

    private List<MimeMessage> receivedBy(String address) {
        return inboxOf(address);
    }
}

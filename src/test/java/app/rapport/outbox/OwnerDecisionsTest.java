package app.rapport.outbox;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.rapport.drafting.DraftState;
import app.rapport.drafting.Drafts;
import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the owner sees and decides on the conversation page when sending went wrong. */
class OwnerDecisionsTest extends LoopTest {

    @Autowired
    Outbox outbox;
    @Autowired
    Drafts drafts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplyWhoseOutcomeIsUnknownOffersSendAgainAndMarkAsSentAndMarkAsSentFilesItWithoutSending() throws Exception {
        String customer = "lea.brun@geneve.example";
        Mails.send(mailServer.smtpPort(), customer, "Léa Brun", SHOP, "Resoling",
                "Could you resole my brown boots?", "lea.1@geneve.example", null);
        WebSession web = signedIn();
        String link = conversationLink(web, "Léa Brun");
        web.submit(web.get(link), "form.editor", Map.of(), "button.primary");
        long conversation = Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        long id = outbox.forConversation(conversation).getFirst().id();
        // As if Rapport had stopped in the middle of the SMTP transaction.
        assertThat(jdbc.sql("update outbox set state = 'UNKNOWN', last_error = 'Rapport stopped while sending' where id = ? and state = 'QUEUED'")
                .param(id).update()).isEqualTo(1);

        WebSession.Page page = web.get(link);
        assertThat(page.html().select(".replies .badge.problem").text()).contains("may not have been sent");
        assertThat(page.html().select(".replies form.send-again button").text()).isEqualTo("Send again");
        WebSession.Page marked = web.submit(page, ".replies form.mark-sent", Map.of(), null);

        assertThat(marked.html().select(".flash.notice").text()).contains("Marked as sent");
        OutgoingReply reply = await().until(() -> outbox.find(id).orElseThrow(), r -> r.filing() == FilingState.FILED);
        assertThat(reply.state()).isEqualTo(OutboxState.SENT);
        assertThat(outbox.history(id)).anySatisfy(s -> assertThat(s.reason()).contains("confirmed it was sent"));
        assertThat(mailServer.greenMail().getUserManager().getUserByEmail(customer)).as("nothing was sent").isNull();
        WebSession.Page again = web.post("/outbox/" + id + "/send-again",
                Map.of("_csrf", marked.html().expectFirst("input[name=_csrf]").val()));
        assertThat(again.html().select(".flash.error").text()).contains("no longer waiting");
    }

    @Test
    void aSubjectWithALineBreakIsRefusedAtApprovalAndNothingIsQueued() throws Exception {
        String customer = "tomas.novak@brno.example";
        Mails.send(mailServer.smtpPort(), customer, "Tomas Novak", SHOP, "Laces",
                "Do you sell spare laces?", "tomas.1@brno.example", null);
        WebSession web = signedIn();
        String link = conversationLink(web, "Tomas Novak");

        WebSession.Page refused = web.submit(web.get(link), "form.editor",
                Map.of("subject", "Re: Laces\r\nBcc: thief@evil.example"), "button.primary");

        // The draft's own edit refuses it first; the composer refuses it again for any other way in.
        assertThat(refused.status()).isGreaterThanOrEqualTo(400);
        assertThat(refused.html().select(".flash.error").text()).containsIgnoringCase("subject must be a single line")
                .contains("your text is still here");
        assertThat(refused.html().select("textarea[name=text]").text()).as("what the owner wrote is not lost").isNotBlank();
        long conversation = Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        assertThat(outbox.forConversation(conversation)).isEmpty();
        assertThat(drafts.latestFor(conversation).orElseThrow().state()).isIn(DraftState.SUGGESTED, DraftState.EDITED);
    }

    private static String conversationLink(WebSession web, String who) {
        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                p -> p.html().select(".row .who").eachText().contains(who));
        return inbox.html().expectFirst(".row:has(.who:containsOwn(" + who + "))").attr("href");
    }
}

package app.rapport.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
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

class UndoAndRecoveryTest extends LoopTest {

    @Autowired
    Outbox outbox;

    @Autowired
    Drafts drafts;

    @Autowired
    ReplySender sender;

    @Autowired
    OutboxRecovery recovery;

    @Autowired
    JdbcClient jdbc;

    @Test
    void undoWithinTheWindowCancelsTheReplyAndGivesTheDraftBack() throws Exception {
        String customer = "ines.costa@porto.example";
        Mails.send(mailServer.smtpPort(), customer, "Ines Costa", SHOP, "Half sizes?",
                "Do you make half sizes? I am between 38 and 39.", "ines.1@porto.example", null);
        WebSession web = signedIn();
        WebSession.Page inbox = await().until(() -> web.get("/inbox"),
                p -> p.html().select(".row .who").eachText().contains("Ines Costa"));
        String link = inbox.html().expectFirst(".row:has(.who:containsOwn(Ines Costa))").attr("href");

        WebSession.Page approved = web.submit(web.get(link), "form.editor", Map.of(), "button.primary");
        WebSession.Page undone = web.submit(approved, ".replies form", Map.of(), null);

        assertThat(undone.html().select(".flash.notice").text()).contains("Undone");
        assertThat(undone.html().select("form.editor")).hasSize(1);
        long conversation = Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        assertThat(outbox.forConversation(conversation)).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(OutboxState.CANCELLED));
        assertThat(drafts.latestFor(conversation).orElseThrow().state()).isEqualTo(DraftState.EDITED);
        await().during(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Arrays.stream(mailServer.greenMail().getReceivedMessages())
                        .noneMatch(m -> recipients(m).contains(customer)));
    }

    @Test
    void aReplyInterruptedWhileSendingIsMarkedUnknownAndNeverResentAutomatically() {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into outbox (draft, conversation, message_id, raw_sha256, to_address, subject, state, attempts,"
                        + " send_after, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'SENDING', 1, ?, ?, ?)")
                .params(990001, 990001, "interrupted@lindgren-shoes.example", "0".repeat(64), "someone@x.example",
                        "Re: interrupted", now, now, now)
                .update();
        long id = jdbc.sql("select id from outbox where draft = 990001").query(Long.class).single();

        recovery.recover(); // what the server does as it starts

        OutgoingReply reply = outbox.find(id).orElseThrow();
        assertThat(reply.state()).isEqualTo(OutboxState.UNKNOWN);
        assertThat(reply.lastError()).contains("may have reached the customer");
        assertThat(outbox.history(id)).extracting(Outbox.Step::state).contains(OutboxState.UNKNOWN);
        assertThat(sender.undo(id)).as("an unknown outcome cannot be undone either").isFalse();
    }

    private static String recipients(jakarta.mail.internet.MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }
}

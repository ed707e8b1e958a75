package app.rapport.drafting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Notes at the right moments, and only then: a welcome after a first answer, once, never to who opted out. */
class ProactiveNotesTest extends LoopTest {

    @Autowired
    ProactiveNotes notes;

    @Autowired
    Drafts drafts;

    private void answer(WebSession web, String subject) {
        WebSession.Page page = await().until(() -> {
            WebSession.Page all = web.get("/inbox?tab=all");
            if (!all.html().text().contains(subject)) {
                return null;
            }
            return web.get(all.html().expectFirst(".row:has(:containsOwn(" + subject + "))").attr("href"));
        }, p -> p != null && !p.html().select("form.editor").isEmpty());
        web.submit(page, "form.editor", Map.of(), "button.primary");
    }

    @Test
    void aFirstTimeCustomerGetsOneWelcomeNoteAfterTheAnswerAndWhoOptedOutGetsNone() throws Exception {
        Mails.send(mailServer.smtpPort(), "rosa.berg@chur.example", "Rosa Berg", SHOP, "Hiking boots for Chur",
                "Hello, I found your shop through a friend. Do you make hiking boots?", "rosa.1@chur.example", null);
        Mails.send(mailServer.smtpPort(), "olaf.wick@kiel.example", "Olaf Wick", SHOP, "Boots to Kiel",
                "Hi, I found you on a market. Do you ship to Kiel? Please do not contact me with offers afterwards.",
                "olaf.1@kiel.example", null);
        WebSession web = signedIn();
        answer(web, "Hiking boots for Chur");
        answer(web, "Boots to Kiel");
        await().until(() -> drafts.open(0, 500).stream().noneMatch(d -> d.toAddress().startsWith("rosa.berg@")
                || d.toAddress().startsWith("olaf.wick@")));

        assertThat(notes.suggest(Instant.now())).as("nothing is due right after the answer")
                .noneMatch(id -> drafts.expect(id).toAddress().startsWith("rosa.berg@"));
        List<Long> due = notes.suggest(Instant.now().plus(Duration.ofDays(3)));

        assertThat(due).extracting(id -> drafts.expect(id).toAddress())
                .contains("rosa.berg@chur.example").doesNotContain("olaf.wick@kiel.example");
        Draft welcome = due.stream().map(drafts::expect).filter(d -> d.toAddress().startsWith("rosa.berg@")).findFirst().orElseThrow();
        assertThat(welcome.template()).isEqualTo("welcome-note");
        assertThat(welcome.text()).startsWith("Hello Rosa,").contains("welcome");
        assertThat(drafts.basis(welcome.id()).optionalNote()).isTrue();
        assertThat(web.get("/notes").html().select("ul.notes a").eachText()).anyMatch(t -> t.startsWith("rosa.berg"));
        assertThat(web.get("/conversations/" + welcome.conversationId()).html()
                .select("button[formaction$=/drafts/" + welcome.id() + "/regenerate]"))
                .as("a note has no other wording to regenerate").isEmpty();

        assertThat(notes.suggest(Instant.now().plus(Duration.ofDays(4))))
                .as("one note per customer in the quiet period").noneMatch(id -> drafts.expect(id).toAddress().startsWith("rosa.berg@"));
    }

    @Test
    void aWeekAfterAProblemWasAnsweredACheckInIsSuggested() throws Exception {
        Mails.send(mailServer.smtpPort(), "nina.holt@aarau.example", "Nina Holt", SHOP, "Parcel still missing",
                "Hello Clara, my parcel has not arrived yet and the tracking has not moved.", "nina.1@aarau.example", null);
        WebSession web = signedIn();
        answer(web, "Parcel still missing");
        await().until(() -> drafts.open(0, 500).stream().noneMatch(d -> d.toAddress().startsWith("nina.holt@")));

        assertThat(notes.suggest(Instant.now().plus(Duration.ofDays(3))))
                .noneMatch(id -> drafts.expect(id).toAddress().startsWith("nina.holt@"));
        List<Long> due = notes.suggest(Instant.now().plus(Duration.ofDays(8)));

        Draft checkIn = due.stream().map(drafts::expect).filter(d -> d.toAddress().startsWith("nina.holt@")).findFirst().orElseThrow();
        assertThat(checkIn.template()).isEqualTo("check-in-note");
        assertThat(checkIn.text()).startsWith("Hello Nina,").contains("check in");
    }
}

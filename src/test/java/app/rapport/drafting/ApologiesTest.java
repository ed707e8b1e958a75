package app.rapport.drafting;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Sorry, to everyone affected": one incident, a personal apology for each customer who wrote about it. */
class ApologiesTest extends LoopTest {

    @Autowired
    Drafts drafts;

    @Test
    void everyCustomerWhoWroteAboutTheIncidentGetsAPersonalApologyApprovedTogether() throws Exception {
        Mails.send(mailServer.smtpPort(), "lea.kraus@lindau.example", "Lea Kraus", SHOP, "Crooked stitching",
                "Hello Clara, the stitching on my new derbies is crooked along the welt. Is that normal?",
                "lea.1@lindau.example", null);
        Mails.send(mailServer.smtpPort(), "tim.ortner@wien.example", "Tim Ortner", SHOP, "Welt",
                "Hi, the welt stitching on both boots looks crooked to me.", "tim.1@wien.example", null);
        Mails.send(mailServer.smtpPort(), "eva.stein@bern.example", "Eva Stein", SHOP, "Gift wrapping",
                "Could you gift-wrap my order?", "eva.1@bern.example", null);
        WebSession web = signedIn();
        await().until(() -> web.get("/search?q=crooked").html().text(),
                t -> t.contains("Crooked stitching") && t.contains("Welt"));

        WebSession.Page form = web.get("/apologies");
        WebSession.Page batch = web.submit(form, "form.editor", Map.of("search", "crooked AND stitching",
                "from", LocalDate.now().minusDays(1).toString(), "until", LocalDate.now().toString(),
                "whatHappened", "A stitching machine was out of line for two weeks, and some pairs left the workshop with crooked welts.",
                "offer", "a free re-stitch, or 15% off your next pair with the code SORRY15"), null);

        assertThat(batch.html().select("section.apology h2 a").eachText())
                .containsExactlyInAnyOrder("lea.kraus@lindau.example", "tim.ortner@wien.example");
        assertThat(batch.html().select("section.apology textarea").eachText())
                .anySatisfy(t -> assertThat(t).startsWith("Hello Lea,").contains("crooked along the welt")
                        .contains("SORRY15").contains("Best wishes from Freiburg"))
                .anySatisfy(t -> assertThat(t).startsWith("Hello Tim,").contains("SORRY15"))
                .noneSatisfy(t -> assertThat(t).contains("Eva"));

        WebSession.Page one = web.submit(batch, "section.apology:has(a:containsOwn(lea.kraus)) form.editor", Map.of(), null);
        assertThat(one.html().select("section.apology:has(a:containsOwn(lea.kraus)) .badge").text()).isEqualTo("approved");

        WebSession.Page all = web.submit(one, "form.approve-all", Map.of(), null);

        assertThat(all.html().select(".flash.notice").text()).contains("1 apologies approved");
        String name = all.url().substring(all.url().lastIndexOf('/') + 1);
        assertThat(drafts.inBatch(name)).hasSize(2).allSatisfy(d -> assertThat(d.state()).isEqualTo(DraftState.APPROVED));
    }
}

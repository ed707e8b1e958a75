package app.rapport.drafting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;
import app.rapport.support.Mails;
import app.rapport.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The draft editor as the owner uses it: what a draft is based on, personal touches with their source, removing
 * one, another wording, keeping a rewrite as a template, the owner's voice, and messages that need no reply.
 */
class DraftEditorTest extends LoopTest {

    @Autowired
    MailTemplates templates;

    @Autowired
    OwnerVoices voices;

    private WebSession.Page conversationOf(WebSession web, String subject) {
        WebSession.Page all = await().until(() -> web.get("/inbox?tab=all"), p -> p.html().text().contains(subject));
        String link = all.html().expectFirst(".row:has(:containsOwn(" + subject + "))").attr("href");
        return web.get(link);
    }

    private WebSession.Page withDraftFor(WebSession web, String subject, String containing) {
        conversationOf(web, subject);
        return await().until(() -> conversationOf(web, subject), p -> p.html().select("textarea[name=text]").stream()
                .anyMatch(t -> t.wholeText().contains(containing)));
    }

    @Test
    void aReplyInsideAThreadRemembersWhatTheCustomerToldBeforeAndLinksToIt() throws Exception {
        String first = Mails.send(mailServer.smtpPort(), "ines.weber@bodensee.example", "Ines Weber", SHOP,
                "Boots for the lake paths",
                "Hello Clara,\n\nWe live in Konstanz, right by the harbour. Between us, my sister Lena is expecting twins"
                        + " and does not want anyone to know yet. Do you make boots for muddy paths?\n\nInes",
                "ines.1@bodensee.example", null);
        WebSession web = signedIn();
        withDraftFor(web, "Boots for the lake paths", "Ines");
        Mails.send(mailServer.smtpPort(), "ines.weber@bodensee.example", "Ines Weber", SHOP,
                "Re: Boots for the lake paths", "Thank you! Could you also tell me how long a pair takes to make?\n\nInes",
                "ines.2@bodensee.example", first);

        WebSession.Page page = withDraftFor(web, "Boots for the lake paths", "Konstanz");
        String draft = page.html().expectFirst("textarea[name=text]").wholeText();

        assertThat(draft).startsWith("Hello Ines,").contains("I hope all is well in Konstanz.")
                .doesNotContain("Lena").doesNotContain("twins");
        assertThat(page.html().select(".based-on .intent").text()).contains("question");
        assertThat(page.html().select(".based-on mark.touch-text").text()).isEqualTo("I hope all is well in Konstanz.");
        String source = page.html().expectFirst(".based-on li.touch a.source").attr("href");
        assertThat(source).contains("?fact=").endsWith("#m" + messageIdOf(web, source));
        assertThat(web.get(source).html().select("mark.source").text()).contains("Konstanz");

        WebSession.Page removed = web.submit(page, ".based-on li.touch form", Map.of(), null);

        assertThat(removed.html().expectFirst("textarea[name=text]").wholeText()).doesNotContain("Konstanz")
                .contains("Best wishes from Freiburg");
        assertThat(removed.html().select(".based-on mark.touch-text")).isEmpty();
    }

    @Test
    void regenerateOffersAnotherWordingAndABigRewriteCanBecomeATemplateVariant() throws Exception {
        Mails.send(mailServer.smtpPort(), "paul.roth@ulm.example", "Paul Roth", SHOP, "Laces",
                "Hi, do you sell spare laces in dark brown?", "paul.1@ulm.example", null);
        WebSession web = signedIn();
        WebSession.Page page = withDraftFor(web, "Laces", "Paul");
        String before = page.html().expectFirst("textarea[name=text]").wholeText();

        WebSession.Page again = web.submit(page, "form.editor", Map.of(), "button[formaction$=/regenerate]");

        String after = again.html().expectFirst("textarea[name=text]").wholeText();
        assertThat(after).isNotEqualTo(before).startsWith("Hello Paul,");
        assertThat(again.html().select(".flash.notice").text()).contains("wording");

        String rewrite = "Hello Paul,\n\nYes! Spare laces come in dark brown, black and red, 4 EUR a pair."
                + " Shall I post you two?\n\nBest wishes from Freiburg,\nClara\nLindgren Shoes\n";
        WebSession.Page saved = web.submit(again, "form.editor", Map.of("text", rewrite), null);
        assertThat(saved.html().select("form.save-variant")).as("a big rewrite is offered as a variant").isNotEmpty();

        WebSession.Page kept = web.submit(saved, "form.save-variant", Map.of("variant", "laces"), null);

        assertThat(kept.html().select(".flash.notice").text()).as("Paul writes for the first time, with a question")
                .contains("template question.laces.");
        String file = kept.html().select(".flash.notice").text().replaceAll(".*template (\\S+)\\..*", "$1");
        String text = Files.readString(templates.directory().resolve(file + ".txt"));
        assertThat(text).startsWith("[(${greeting})]\n").contains("Spare laces come in dark brown")
                .contains("[(${signOff})]").doesNotContain("Paul");
        assertThat(templates.list()).extracting(MailTemplates.TemplateFile::file).contains(file);
    }

    @Test
    void theOwnerSetsTheirVoiceOnceAndEditsATemplateInTheBrowser() throws Exception {
        WebSession web = signedIn();
        try {
            WebSession.Page settings = web.get("/settings/templates");
            assertThat(settings.html().select("table.templates td a").eachText()).contains("thanks", "sizing", "problem");

            web.submit(settings, "form[action$=/settings/voice]", Map.of("greeting", "Dear",
                    "signOff", "Warmly, from {place},", "signature", "Clara Lindgren\nShoemaker"), null);
            WebSession.Page template = web.get("/settings/templates/order-status");
            String edited = template.html().expectFirst("textarea[name=text]").wholeText()
                    .replace("I am happy to tell you where it is.", "here is where it stands right now.");
            web.submit(template, "form.editor", Map.of("text", edited), null);

            Mails.send(mailServer.smtpPort(), "mia.frank@graz.example", "Mia Frank", SHOP, "Order 2207",
                    "Hello, has my order 2207 been shipped yet?", "mia.1@graz.example", null);
            String draft = withDraftFor(web, "Order 2207", "Mia").html().expectFirst("textarea[name=text]").wholeText();

            assertThat(draft).startsWith("Dear Mia,").contains("order #2207 – here is where it stands right now.")
                    .endsWith("Warmly, from Freiburg,\nClara Lindgren\nShoemaker\n");
        } finally {
            OwnerVoice defaults = voices.defaults();
            voices.save(defaults.greeting(), defaults.signOff(), defaults.signature());
            Files.deleteIfExists(templates.directory().resolve("order-status.txt"));
            Files.deleteIfExists(templates.directory().resolve("order-status.html"));
        }
    }

    @Test
    void aMessageThatClosesTheConversationGetsAnOptionalNoteAndSaysWhy() throws Exception {
        String first = Mails.send(mailServer.smtpPort(), "jon.lutz@basel.example", "Jon Lutz", SHOP,
                "Parcel not arrived", "Hello, my parcel has not arrived yet. Could you check?", "jon.1@basel.example", null);
        WebSession web = signedIn();
        withDraftFor(web, "Parcel not arrived", "Jon");
        Mails.send(mailServer.smtpPort(), "jon.lutz@basel.example", "Jon Lutz", SHOP, "Re: Parcel not arrived",
                "Arrived safely this morning - thanks, all sorted!", "jon.2@basel.example", first);

        WebSession.Page page = withDraftFor(web, "Parcel not arrived", "glad it is all sorted");

        assertThat(page.html().select(".message .decision").text()).contains("Closes the conversation");
        assertThat(page.html().select(".based-on .optional-note").text()).contains("optional");
    }

    private static String messageIdOf(WebSession web, String href) {
        return href.substring(href.indexOf("#m") + 2);
    }
}

package app.rapport.drafting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.customers.Customer;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateRendererTest {

    private final OwnerProfile owner = new OwnerProfile("Clara Lindgren", "Lindgren Shoes", "Freiburg");

    private OwnerVoice voice = new OwnerVoice("Hello", "Best wishes from {place},", "Clara\nLindgren Shoes");

    private Map<String, Object> vars(String firstName, String excerpt) {
        return vars(firstName, excerpt, List.of());
    }

    private Map<String, Object> vars(String firstName, String excerpt, List<String> personal) {
        Customer customer = new Customer(1, "a@x.example", firstName == null ? null : firstName + " Keller", firstName,
                java.time.Instant.now());
        return DraftComposer.variables(customer, owner, voice, "My boots", excerpt, null, personal);
    }

    @Test
    void rendersTheShippedTemplatesGreetingByFirstNameAndSigningFromThePlace() {
        var r = new TemplateRenderer("does-not-exist").render("thanks", vars("Anna", "The note made me smile & laugh."));

        assertThat(r.template()).isEqualTo("thanks");
        assertThat(r.text()).startsWith("Hello Anna,").contains("The note made me smile & laugh.")
                .contains("Best wishes from Freiburg,").contains("Clara");
        assertThat(r.html()).contains("Anna").contains("smile &amp; laugh").contains("Freiburg");
    }

    @Test
    void greetsWithoutANameWhenTheCustomerHasNone() {
        var r = new TemplateRenderer("does-not-exist").render("question", vars(null, null));

        assertThat(r.text()).startsWith("Hello,");
    }

    @Test
    void theOwnersEditOnDiskAppliesToTheNextDraftWithoutARestart(@TempDir Path dir) throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(dir.toString());
        Files.writeString(dir.resolve("thanks.txt"), "Dear [(${customer.firstName})], thanks! [(${owner.firstName})]");
        Files.writeString(dir.resolve("thanks.html"), "<p th:text=\"${customer.firstName}\">x</p>");
        assertThat(renderer.render("thanks", vars("Anna", null)).text()).isEqualTo("Dear Anna, thanks! Clara\n");

        Files.writeString(dir.resolve("thanks.txt"), "Hi [(${customer.firstName})]!");

        assertThat(renderer.render("thanks", vars("Anna", null)).text()).isEqualTo("Hi Anna!\n");
    }

    @Test
    void anIntentWithoutATemplateUsesTheGeneralOne() {
        var r = new TemplateRenderer("does-not-exist").render("no-such-intent", vars("Anna", null));

        assertThat(r.template()).isEqualTo("general");
    }

    @Test
    void theOwnersOwnTextBecomesEscapedHtmlParagraphs() {
        assertThat(Drafts.htmlOf("Hi <b>Anna</b>,\n\nsee you\nsoon"))
                .contains("<p>Hi &lt;b&gt;Anna&lt;/b&gt;,</p>").contains("<p>see you<br>\nsoon</p>");
    }

    @Test
    void aSubjectCannotCarryALineBreak() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Drafts.requireSingleLine("Re: x\r\nBcc: evil@x.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line");
    }

    @Test
    void everyShippedTemplateRendersBothPartsInTheOwnersVoice() {
        TemplateRenderer renderer = new TemplateRenderer("does-not-exist");
        voice = new OwnerVoice("Dear", "Warm regards from {place},", "Clara Lindgren\nLindgren Shoes · Freiburg");
        for (String file : renderer.allFileNames()) {
            String name = file.substring(0, file.indexOf('.'));
            for (int turn = 0; turn < renderer.variants(name).size(); turn++) {
                var r = renderer.render(name, turn, vars("Anna", "My heel slips.", List.of("I hope all is well in Ulm.")));

                assertThat(r.text()).as(file).startsWith("Dear Anna,\n").contains("I hope all is well in Ulm.")
                        .endsWith("Warm regards from Freiburg,\nClara Lindgren\nLindgren Shoes · Freiburg\n")
                        .doesNotContain("\n\n\n");
                assertThat(r.html()).as(file).contains("Dear Anna,").contains("Warm regards from Freiburg,")
                        .contains("Lindgren Shoes · Freiburg").contains("I hope all is well in Ulm.");
            }
        }
    }

    @Test
    void withoutPersonalTouchesNoEmptyParagraphIsLeft() {
        var r = new TemplateRenderer("does-not-exist").render("thanks", vars("Anna", null));

        assertThat(r.text()).doesNotContain("\n\n\n").contains("help.\n\nBest wishes from Freiburg,");
        assertThat(r.html()).doesNotContain("<p></p>");
    }

    @Test
    void regeneratingGoesRoundTheVariantsAndAVariantOnDiskJoinsWithoutARestart(@TempDir Path dir) throws Exception {
        TemplateRenderer renderer = new TemplateRenderer(dir.toString());
        assertThat(renderer.variants("thanks")).containsExactly(null, "short");

        Files.writeString(dir.resolve("thanks.zz-mine.txt"), "[(${greeting})]\n\nLovely!\n\n[(${signOff})]");

        assertThat(renderer.variants("thanks")).containsExactly(null, "short", "zz-mine");
        assertThat(renderer.render("thanks", 2, vars("Anna", null)).text()).contains("Lovely!");
        assertThat(renderer.render("thanks", 2, vars("Anna", null)).html()).contains("<p>Lovely!</p>");
        assertThat(renderer.render("thanks", 3, vars("Anna", null)).variant()).isNull();
    }
}

package app.rapport.drafting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.customers.Customer;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateRendererTest {

    private final OwnerProfile owner = new OwnerProfile("Clara Lindgren", "Lindgren Shoes", "Freiburg");

    private Map<String, Object> vars(String firstName, String excerpt) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customer", new Customer(1, "a@x.example", firstName == null ? null : firstName + " Keller", firstName,
                java.time.Instant.now()));
        vars.put("owner", owner);
        vars.put("subject", "My boots");
        vars.put("excerpt", excerpt);
        vars.put("order", null);
        return vars;
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
}

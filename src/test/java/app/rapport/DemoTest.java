package app.rapport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.FactState;
import app.rapport.customers.Facts;
import app.rapport.drafting.Draft;
import app.rapport.mailbox.Messages;
import app.rapport.drafting.Drafts;
import app.rapport.drafting.ReplyDecisions;
import app.rapport.threading.Conversations;
import app.rapport.support.TestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo as a newcomer meets it: the seeded mailbox is read, threaded and drafted with no configuration. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "rapport.demo.imap-port=0", "rapport.demo.smtp-port=0", "rapport.mail.initial-delay=0s"})
class DemoTest {

    private static final String DATA = TestData.freshDirectory("demo");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> DATA);
    }

    @Autowired
    Drafts drafts;

    @Autowired
    ReplyDecisions decisions;

    @Autowired
    Conversations conversations;

    @Autowired
    Customers customers;

    @Autowired
    Facts facts;

    @Autowired
    Messages messages;

    @Test
    void theSeededMailboxGetsDraftsForEveryCustomerAndNoneForAutomaticMail() {
        List<Draft> open = await().atMost(Duration.ofSeconds(30))
                .until(() -> drafts.open(0, 50), d -> d.size() == 6);

        assertThat(open).extracting(Draft::intent)
                .containsExactlyInAnyOrder("thanks", "sizing", "late-order", "return", "question", "sizing");
        assertThat(open).filteredOn(d -> d.toAddress().startsWith("anna"))
                .singleElement().satisfies(d -> assertThat(d.text()).startsWith("Hello Anna,"));
        assertThat(decisions.skipped(0, 50)).extracting(d -> d.reason())
                .anySatisfy(r -> assertThat(r).contains("automatic reply"))
                .anySatisfy(r -> assertThat(r).contains("bulk mail"));
        assertThat(open).noneMatch(d -> d.toAddress().contains("gerberei") || d.toAddress().contains("hartmann"));
    }

    @Test
    void theCustomerWhoRepliedInsideAThreadHasOneConversationOfThreeMessages() {
        Draft sofia = await().atMost(Duration.ofSeconds(30))
                .until(() -> drafts.open(0, 50).stream().filter(d -> d.toAddress().startsWith("sofia")).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> conversations.expect(sofia.conversationId()).messageCount() == 3);
        assertThat(drafts.open(0, 50)).filteredOn(d -> d.conversationId() == sofia.conversationId()).hasSize(1);
        assertThat(sofia.subject()).isEqualTo("Re: Could you resole my Birch boots?");
    }

    @Test
    void theCustomerWhoSaidWhereSheLivesHasThatPlaceSuggestedWithItsSentence() {
        Customer anna = await().atMost(Duration.ofSeconds(30))
                .until(() -> customers.findByAddress("anna.keller@posteo.example"), java.util.Optional::isPresent).get();
        Fact place = await().atMost(Duration.ofSeconds(30))
                .until(() -> facts.of(List.of(anna.id())).stream().filter(f -> f.kind() == FactKind.PLACE).findFirst(),
                        java.util.Optional::isPresent).get();

        assertThat(place.value()).contains("Überlingen").contains("Lake Constance");
        assertThat(place.state()).isEqualTo(FactState.SUGGESTED);
        assertThat(place.sentence()).startsWith("We live in Überlingen, right on Lake Constance");
        assertThat(messages.expect(place.messageId()).subject()).isEqualTo("My Birch boots - thank you!");
        assertThat(messages.expect(place.messageId()).newText().replaceAll("\\s+", " "))
                .contains(place.sentence());
        assertThat(facts.of(List.of(anna.id()))).extracting(Fact::value).contains("daughter Mia");
        assertThat(customers.expect(anna.id()).firstName()).isEqualTo("Anna");
    }

    @Test
    void theReplyInsideAThreadRemembersSomethingFromTheCustomersEarlierMessageAndShowsItsSource() {
        Draft sofia = await().atMost(Duration.ofSeconds(30))
                .until(() -> drafts.open(0, 50).stream().filter(d -> d.toAddress().startsWith("sofia")
                        && d.subject().startsWith("Re:") && conversations.expect(d.conversationId()).messageCount() == 3)
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();

        var touches = drafts.basis(sofia.id()).touches();

        assertThat(touches).isNotEmpty().allSatisfy(t -> {
            assertThat(sofia.text()).contains(t.text());
            assertThat(messages.expect(t.messageId()).subject()).isEqualTo("Could you resole my Birch boots?");
            assertThat(messages.expect(t.messageId()).newText().replaceAll("\\s+", " "))
                    .contains(facts.find(t.factId()).orElseThrow().sentence());
        });
    }
}

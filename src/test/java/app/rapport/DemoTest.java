package app.rapport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.drafting.Draft;
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
}

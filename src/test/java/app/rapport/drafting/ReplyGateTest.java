package app.rapport.drafting;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyGateTest {

    private static final Set<String> SHOP = Set.of(LabelledMessages.SHOP);

    static Stream<LabelledMessages> labelled() {
        return LabelledMessages.all().stream();
    }

    @ParameterizedTest
    @MethodSource("labelled")
    void decidesWhetherToReplyAsLabelled(LabelledMessages l) {
        var m = l.message();
        ReplyGate.Verdict v = ReplyGate.decide(m, SHOP, Intents.score(m.subject(), m.newText(), false));

        assertThat(v.outcome().name().toLowerCase()).as(v.reason()).isEqualTo(switch (l.outcome()) {
            case "reply" -> "reply";
            case "note" -> "note";
            default -> "skip";
        });
        if (v.outcome() != ReplyGate.Outcome.REPLY) {
            assertThat(v.reason()).as("a skipped message says why").isNotBlank();
        }
    }

    @Test
    void aListMessageSentToTheOwnerDirectlyIsAnswered() {
        var list = LabelledMessages.all().stream().filter(l -> l.subject().contains("Which glue")).findFirst().orElseThrow();
        var direct = new LabelledMessages("reply", list.intents(), "question",
                java.util.Map.of("subject", list.subject(), "to", LabelledMessages.SHOP), list.text());
        var m = direct.message();

        assertThat(ReplyGate.decide(m, SHOP, Intents.score(m.subject(), m.newText(), false)).outcome())
                .isEqualTo(ReplyGate.Outcome.REPLY);
    }
}

package app.rapport.drafting;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentsTest {

    static Stream<LabelledMessages> answered() {
        return LabelledMessages.all().stream().filter(l -> !l.outcome().equals("skip"));
    }

    @ParameterizedTest
    @MethodSource("answered")
    void findsEveryLabelledIntentAndPicksTheLabelledTemplate(LabelledMessages l) {
        List<IntentScore> scores = Intents.score(l.subject(), l.text(), l.firstContact());

        for (String expected : l.intents()) {
            String[] kindAndDetail = expected.split("/");
            assertThat(scores).as(l.text()).anySatisfy(s -> {
                assertThat(s.kind().name()).isEqualTo(kindAndDetail[0]);
                if (kindAndDetail.length > 1) {
                    assertThat(s.detail()).isEqualTo(kindAndDetail[1]);
                }
            });
        }
        assertThat(Intents.template(scores)).as(scores.toString()).isEqualTo(l.template());
    }

    @Test
    void everyIntentCarriesAConfidenceAndTheSurestComesFirst() {
        List<IntentScore> scores = Intents.score("Thank you!",
                "Thank you so much, the boots are wonderful! Could you also tell me if you make belts?", false);

        assertThat(scores).extracting(IntentScore::kind).contains(IntentKind.THANKS, IntentKind.QUESTION);
        assertThat(scores).allSatisfy(s -> assertThat(s.confidence()).isBetween(Intents.THRESHOLD, 0.97));
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
    }

    @Test
    void aThankYouInTheSignOffIsWeakerThanRealPraise() {
        double signOff = confidence(Intents.score("", "Could you send the invoice again? Thanks", false), IntentKind.THANKS);
        double praise = confidence(Intents.score("", "Thank you, they are beautiful and fit perfectly. I love them!", false),
                IntentKind.THANKS);

        assertThat(praise).isGreaterThan(signOff);
    }

    @Test
    void aMessageThatClosesTheConversationButReportsANewProblemIsNotAClosing() {
        assertThat(Intents.score("", "Arrived today, thanks - but the left heel is scratched.", false))
                .extracting(IntentScore::kind).doesNotContain(IntentKind.CLOSING).contains(IntentKind.PROBLEM);
    }

    @Test
    void storesAndReadsBackIntentsWithTheirConfidence() {
        List<IntentScore> scores = List.of(new IntentScore(IntentKind.QUESTION, "size", 0.82),
                new IntentScore(IntentKind.THANKS, null, 0.45));

        assertThat(IntentScore.decode(IntentScore.encode(scores))).isEqualTo(scores);
        assertThat(scores.getFirst().label()).isEqualTo("question (size) 82%");
    }

    @Test
    void quotesTheSentenceThatCarriesTheIntentAndSkipsTheGreeting() {
        String text = "Hi Clara,\n\nI love your work. Which size fits a wide foot?";
        assertThat(Intents.excerpt(Intents.score("", text, false), text)).isEqualTo("Which size fits a wide foot?");
    }

    @Test
    void findsTheOrderNumber() {
        assertThat(Intents.order("Order #1042 still not arrived", "")).isEqualTo("1042");
        assertThat(Intents.order("", "about my order no. 1038")).isEqualTo("1038");
        assertThat(Intents.order("Hello", "no numbers here")).isNull();
    }

    private static double confidence(List<IntentScore> scores, IntentKind kind) {
        return scores.stream().filter(s -> s.kind() == kind).mapToDouble(IntentScore::confidence).findFirst().orElse(0);
    }
}

package app.rapport.drafting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "The boots are wonderful, thank you so much!|thanks",
            "Which size should I order? I wear 44 in sneakers.|sizing",
            "My order has not arrived yet and the tracking hasn't moved.|late-order",
            "I would like to return the loafers, they pinch.|return",
            "Do you ship to Norway?|question",
            "Just wanted to say hello from Lyon.|general"})
    void recognisesWhatTheCustomerWritesAbout(String text, String intent) {
        assertThat(Intents.classify("", text).name()).isEqualTo(intent);
    }

    @Test
    void aLateOrderWithThanksIsAboutTheLateOrder() {
        assertThat(Intents.classify("Thanks", "Thanks for checking, but my parcel has not arrived.").name())
                .isEqualTo("late-order");
    }

    @Test
    void quotesTheSentenceThatCarriesTheIntentAndSkipsTheGreeting() {
        Intents.Intent sizing = Intents.classify("", "Which size?");

        assertThat(Intents.excerpt(sizing, "Hi Clara,\n\nI love your work. Which size fits a wide foot?"))
                .isEqualTo("Which size fits a wide foot?");
    }

    @Test
    void findsTheOrderNumber() {
        assertThat(Intents.order("Order #1042 still not arrived", "")).isEqualTo("1042");
        assertThat(Intents.order("", "about my order no. 1038")).isEqualTo("1038");
        assertThat(Intents.order("Hello", "no numbers here")).isNull();
    }
}

package app.rapport.drafting;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The days an occasion falls on, read from the customer's words and the day they wrote. */
class OccasionDatesTest {

    private static final LocalDate SAID = LocalDate.of(2026, 5, 20); // a Wednesday

    private static OccasionDates.Span span(String when) {
        return OccasionDates.of(when, SAID).orElseThrow(() -> new AssertionError("no date read from " + when));
    }

    @Test
    void aNamedDayIsTheComingOneUnlessItPassedOnlyWeeksAgo() {
        assertThat(span("on 14 June")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 6, 14), LocalDate.of(2026, 6, 14), true));
        assertThat(span("on June 3rd").first()).isEqualTo(LocalDate.of(2026, 6, 3));
        assertThat(span("on 2nd of May").first()).as("a few weeks ago").isEqualTo(LocalDate.of(2026, 5, 2));
        assertThat(span("on 14 February").first()).as("long gone: next year's").isEqualTo(LocalDate.of(2027, 2, 14));
        assertThat(span("last June 2").first()).isEqualTo(LocalDate.of(2025, 6, 2));
        assertThat(span("on 14 June").words()).isEqualTo("14 June");
    }

    @Test
    void weekdaysAndRelativeWordsCountFromTheDayTheyWrote() {
        assertThat(span("on Saturday").first()).isEqualTo(LocalDate.of(2026, 5, 23));
        assertThat(span("next Monday").first()).isEqualTo(LocalDate.of(2026, 5, 25));
        assertThat(span("last Friday").first()).isEqualTo(LocalDate.of(2026, 5, 15));
        assertThat(span("tomorrow").first()).isEqualTo(LocalDate.of(2026, 5, 21));
        assertThat(span("next week")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 31), false));
        assertThat(span("this weekend")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 5, 23), LocalDate.of(2026, 5, 24), false));
        assertThat(span("next month")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), false));
    }

    @Test
    void monthsAndSeasonsAreSpansWithoutADay() {
        assertThat(span("in August")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31), false));
        assertThat(span("in August").words()).isEqualTo("August");
        assertThat(span("end of July").first()).isEqualTo(LocalDate.of(2026, 7, 22));
        assertThat(span("in the summer")).isEqualTo(new OccasionDates.Span(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 31), false));
        assertThat(span("this spring").first()).as("still under way").isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(span("in winter").first()).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void vagueWordsGiveNoDate() {
        assertThat(OccasionDates.of("soon", SAID)).isEmpty();
        assertThat(OccasionDates.of("recently", SAID)).isEmpty();
        assertThat(OccasionDates.of("next year", SAID)).isEmpty();
        assertThat(OccasionDates.of(null, SAID)).isEmpty();
        assertThat(OccasionDates.of("on 31 February", SAID)).isEmpty();
    }
}

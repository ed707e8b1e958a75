package app.rapport.recall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedLinesTest {

    @Test
    void leavesOutTheLinesThatStartWithAQuoteMarkAndKeepsEveryOtherLine() {
        String reply = """
                Yes, the size 42 fits well.
                > Do the brogues run large?
                >> We ordered them in March.
                Thanks again,
                Greta Lind, Lindwerk GmbH, +49 7531 1234
                """;

        assertThat(QuotedLines.in(reply)).isTrue();
        assertThat(QuotedLines.without(reply)).isEqualTo("""
                Yes, the size 42 fits well.
                Thanks again,
                Greta Lind, Lindwerk GmbH, +49 7531 1234
                """);
    }

    @Test
    void aQuoteOnTheFirstOrTheLastLineWithoutALineEndIsLeftOutToo() {
        assertThat(QuotedLines.without("> first\nmine\n> last")).isEqualTo("mine\n");
        assertThat(QuotedLines.without("> only")).isEmpty();
    }

    @Test
    void aTextWithoutQuotedLinesIsTheSameText() {
        String text = "Price > 40 EUR is fine.\n  > indented is not a quote mark\n";

        assertThat(QuotedLines.in(text)).isFalse();
        assertThat(QuotedLines.without(text)).isSameAs(text);
        assertThat(QuotedLines.in(null)).isFalse();
        assertThat(QuotedLines.without(null)).isNull();
    }
}

package app.rapport.mailbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewTextTest {

    @Test
    void stopsAtTheQuoteHeaderOfAGmailReply() {
        String text = "Red laces would be lovely.\n\nOn Mon, 2 Nov 2026 at 10:00, Clara Lindgren <clara@x.example> wrote:\n> Yes, I can resole them.";

        assertThat(NewText.of(text)).isEqualTo("Red laces would be lovely.");
    }

    @Test
    void stopsAtAQuotedHeaderBlockBelowARuleWhateverLanguageItsLabelsAreIn() {
        String text = "Try an external clock.\n\nRegards,\nKyeong\n________________________________\n"
                + "보낸 사람: fan <fan@x.example>\n보낸 날짜: 2022년 7월 14일 목요일 오후 3:12\n받는 사람: list@x.example\n"
                + "제목: sampling position\n\nI use a usrp b210 to transmit.";

        assertThat(NewText.of(text)).isEqualTo("Try an external clock.\n\nRegards,\nKyeong");
    }

    @Test
    void keepsLabelledLinesBelowARuleThatNameNoAddress() {
        String text = "Order summary\n__________\nSize: 38\nColour: cognac\nSole: leather\n\nThanks!";

        assertThat(NewText.of(text)).contains("Size: 38", "Thanks!");
    }

    @Test
    void dropsTheSignatureAfterDashDashSpace() {
        assertThat(NewText.of("See you soon!\nSofia\n\n-- \nSofia Romano\nIllustration")).isEqualTo("See you soon!\nSofia");
    }

    @Test
    void dropsAMobileSignOff() {
        assertThat(NewText.of("Do you ship to Lyon?\n\nSent from my iPhone")).isEqualTo("Do you ship to Lyon?");
    }

    @Test
    void keepsEverythingWhenTheWholeMessageWouldBeCut() {
        assertThat(NewText.of("> only a quote")).isEqualTo("> only a quote");
    }

    @Test
    void keepsTheAnswersWrittenBetweenQuotedLines() {
        String text = "Hi,\n> Which size?\n38.\n> Which colour?\nCognac.\n";

        assertThat(NewText.of(text)).isEqualTo("Hi,\n38.\nCognac.");
    }

    @Test
    void doesNotMistakeAMobileSentenceForASignOff() {
        assertThat(NewText.of("Thanks!\n\nSent from my desk, which is easier than my phone."))
                .isEqualTo("Thanks!\n\nSent from my desk, which is easier than my phone.");
    }

    @Test
    void takesTheNewTextOfHtmlOnlyMailFromItsStructure() {
        String html = "<div>Size 41 please.</div><div class=\"gmail_quote\">On Mon, Clara wrote:<blockquote>Which size?</blockquote></div>";

        assertThat(NewText.ofHtml(html)).isEqualTo("Size 41 please.");
    }
}

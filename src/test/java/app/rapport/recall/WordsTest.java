package app.rapport.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Indexes written before keep matching: the index's analyzer gives the standard analyzer's tokens, one for one. */
class WordsTest {

    private static final List<String> TEXTS = List.of(
            "Hello Anna, the USRP B210 arrived in Konstanz — danke! Order #4711, 3.5 mm, 2024-05-01.",
            "Mail anna.keller@posteo.example or see https://example.com/a?b=c; the the THE a an and of",
            "Grüße aus Zürich: ÄÖÜ ß straße, naïve café, Ελληνικά, русский текст, 日本語のテキスト, 中文文本, 한국어",
            "x".repeat(300) + " short " + "y".repeat(256),
            "don't can't it's O'Reilly U.S.A. e-mail co-op 1,000,000 3.14 v2.0.1",
            "",
            "   \t\n  ");

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + increment.getPositionIncrement());
            }
            stream.end();
            out.add("end@" + offset.endOffset() + "+" + increment.getPositionIncrement());
        }
        return out;
    }

    @Test
    void theTokensAreTheStandardAnalyzersOneForOne() throws IOException {
        try (Analyzer standard = new StandardAnalyzer(); Analyzer words = new MessageIndex.Words()) {
            for (String text : TEXTS) {
                assertThat(tokens(words, text)).as(text).isEqualTo(tokens(standard, text));
            }
            assertThat(tokens(words, TEXTS.getFirst())).contains("usrp@16-20+1", "konstanz@37-45+1");
            BytesRef normalized = words.normalize("body", "KÖLN");
            assertThat(normalized).isEqualTo(standard.normalize("body", "KÖLN"));
        }
    }
}

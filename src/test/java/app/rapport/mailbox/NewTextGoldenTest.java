package app.rapport.mailbox;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reply under {@code src/test/resources/replies/} (plain bodies {@code .txt}, HTML bodies {@code .html},
 * whole messages {@code .eml}) gives exactly the new text in the {@code .expected} file beside it.
 */
class NewTextGoldenTest {

    static Stream<Path> replies() throws IOException, URISyntaxException {
        Path root = Path.of(NewTextGoldenTest.class.getResource("/replies").toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(root)) {
            inputs = files.filter(p -> p.toString().matches(".*\\.(txt|html|eml)$")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThan(60);
        return inputs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void findsTheNewTextTheExpectedFileNames(Path input) throws IOException {
        String name = input.getFileName().toString();
        Path expectedFile = input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected");
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).strip();
        byte[] bytes = Files.readAllBytes(input);

        String actual;
        if (name.endsWith(".eml")) {
            actual = new MessageParser().parse(bytes).newText();
        } else if (name.endsWith(".html")) {
            actual = NewText.ofHtml(new String(bytes, StandardCharsets.UTF_8));
        } else {
            actual = NewText.of(new String(bytes, StandardCharsets.UTF_8));
        }

        assertThat(actual.strip()).isEqualTo(expected);
    }
}

package app.rapport.drafting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.rapport.mailbox.Direction;
import app.rapport.mailbox.StoredMessage;

/** The hand-labelled messages of {@code src/test/resources/drafting/labelled-messages.txt} (see its README). */
record LabelledMessages(String outcome, List<String> intents, String template, Map<String, String> headers, String text) {

    static final String SHOP = "clara@lindgren-shoes.example";

    static List<LabelledMessages> all() {
        try {
            List<LabelledMessages> all = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("src/test/resources/drafting/labelled-messages.txt"),
                    StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", 4);
                String[] rest = f[3].split("::", 2);
                Map<String, String> headers = new HashMap<>();
                for (String pair : rest[0].split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        headers.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
                List<String> intents = f[1].strip().equals("-") ? List.of()
                        : Arrays.stream(f[1].split(",")).map(String::strip).toList();
                all.add(new LabelledMessages(f[0].strip(), intents, f[2].strip(), headers,
                        rest[1].strip().replace("\\n", "\n")));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String subject() {
        return headers.getOrDefault("subject", "");
    }

    boolean firstContact() {
        return "true".equals(headers.get("first"));
    }

    StoredMessage message() {
        return new StoredMessage(1, "m1@example", List.of(), Direction.INBOUND, "customer@example.org", "A Customer",
                List.of(headers.getOrDefault("to", SHOP)), subject(), Instant.parse("2026-03-01T10:00:00Z"), text, text,
                false, headers.get("automated"), "0".repeat(64), text.length());
    }

    @Override
    public String toString() {
        return subject();
    }
}

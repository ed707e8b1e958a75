package app.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @Test
    void aWordIsACommandAndAServerOptionIsNot() {
        assertThat(CommandLine.isCommand(new String[] {"search", "boots"})).isTrue();
        assertThat(CommandLine.isCommand(new String[] {"--help"})).isTrue();
        assertThat(CommandLine.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(CommandLine.isCommand(new String[] {})).isFalse();
    }

    @Test
    void everyAutoConfigurationACommandLeavesOutIsOneSpringBootStillHas() throws IOException {
        // A name that no longer exists would be left out silently, and the commands would start slower again.
        List<String> known = new ArrayList<>();
        for (var url : Collections.list(getClass().getClassLoader().getResources(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))) {
            try (InputStream in = url.openStream()) {
                known.addAll(new String(in.readAllBytes()).lines().map(String::trim).toList());
            }
        }
        assertThat(known).hasSizeGreaterThan(50).containsAll(CommandLine.SERVER_ONLY);
    }
}

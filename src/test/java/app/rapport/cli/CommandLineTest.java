package app.rapport.cli;

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
}

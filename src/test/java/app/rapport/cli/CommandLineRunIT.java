package app.rapport.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandLineRunTest} again after the package phase, when the commands start from the context the build
 * prepared ahead of time, as the jar's commands do.
 */
class CommandLineRunIT extends CommandLineRunTest {

    @Test
    void theCommandsStartFromTheContextPreparedAheadOfTime() {
        assertThat(CommandLine.aheadOfTime()).as("the build's AOT engine generated the commands' context").isTrue();
    }
}

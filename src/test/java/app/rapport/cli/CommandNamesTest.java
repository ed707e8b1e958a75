package app.rapport.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.support.TestData;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line finds a command by its bean's name alone, so every command must be named as it expects. */
@SpringBootTest(properties = {"rapport.scheduling.enabled=false", "rapport.demo.enabled=false"})
class CommandNamesTest {

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> TestData.freshDirectory("command-names"));
    }

    @Autowired
    Map<String, Command> commands;

    @Test
    void everyCommandsBeanIsNamedAfterItsWord() {
        assertThat(commands).hasSizeGreaterThanOrEqualTo(12);
        commands.forEach((bean, command) -> assertThat(bean).as(command.name()).isEqualTo(CommandLine.beanName(command.name())));
    }

    @Test
    void aWordWithAHyphenBecomesOneCamelCasedName() {
        assertThat(CommandLine.beanName("sync")).isEqualTo("syncCommand");
        assertThat(CommandLine.beanName("bench-draft")).isEqualTo("benchDraftCommand");
        assertThat(CommandLine.beanName("warm-up")).isEqualTo("warmUpCommand");
    }
}

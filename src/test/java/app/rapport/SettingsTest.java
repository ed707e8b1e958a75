package app.rapport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import app.rapport.support.Apps;
import app.rapport.support.TestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong setting stops the start at once, and the message names the setting and says what is wrong. */
@ExtendWith(OutputCaptureExtension.class)
class SettingsTest {

    private final Path data = Path.of(TestData.freshDirectory("settings"));

    @Test
    void aNegativePollIntervalStopsTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.start(data, "rapport.mail.poll-interval=-5s")).isNotNull();

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Rapport cannot start",
                "rapport.mail.poll-interval (RAPPORT_MAIL_POLL_INTERVAL) is '-5s': must be longer than zero",
                "'Configuration' table");
        assertThat(output.getAll()).doesNotContain("\tat org.springframework");
    }

    @Test
    void aPollIntervalThatIsNotATimeIsNamed(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.start(data, "rapport.mail.poll-interval=often")).isNotNull();

        assertThat(output.getAll()).contains("rapport.mail.poll-interval (RAPPORT_MAIL_POLL_INTERVAL) is 'often':"
                + " is not a length of time (write it like 30s, 5m or 1h)");
    }

    @Test
    void anUnknownSecurityModeIsNamedWithTheModesThereAre(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.start(data, "rapport.mail.imap.host=imap.shop.example",
                "rapport.mail.smtp.host=smtp.shop.example", "rapport.mail.imap.security=SSL")).isNotNull();

        assertThat(output.getAll()).contains(
                "rapport.mail.imap.security (RAPPORT_MAIL_IMAP_SECURITY) is 'SSL': must be TLS, STARTTLS or NONE");
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsNamed(CapturedOutput output) throws IOException {
        Path file = Files.writeString(data.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> Apps.start(file.resolve("data"))).isNotNull();

        assertThat(output.getAll()).contains("rapport.data-dir (RAPPORT_DATA_DIR) is '" + file.resolve("data") + "':"
                + " Rapport cannot create or write this directory");
    }

    @Test
    void anImapHostWithoutAnSmtpHostIsNamed(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.start(data, "rapport.mail.imap.host=imap.shop.example")).isNotNull();

        assertThat(output.getAll()).contains("rapport.mail.smtp.host (RAPPORT_MAIL_SMTP_HOST): is not set,"
                + " but rapport.mail.imap.host is");
    }

    @Test
    void everyWrongSettingIsListedAtOnce(CapturedOutput output) {
        assertThatThrownBy(() -> Apps.start(data, "rapport.mail.timeout=0s", "rapport.outbox.max-attempts=0",
                "rapport.outbox.undo-window=-1s")).isNotNull();

        assertThat(output.getAll()).contains("3 settings are wrong",
                "rapport.mail.timeout (RAPPORT_MAIL_TIMEOUT) is '0s': must be longer than zero",
                "rapport.outbox.max-attempts (RAPPORT_OUTBOX_MAX_ATTEMPTS) is '0': must be 1 or more",
                "rapport.outbox.undo-window (RAPPORT_OUTBOX_UNDO_WINDOW) is '-1s': must not be negative");
    }

    @Test
    void aDataDirectoryInUseByAnotherRapportIsSaidSo(CapturedOutput output) {
        try (var running = Apps.start(data)) {
            assertThatThrownBy(() -> Apps.start(data)).isNotNull();
        }

        assertThat(output.getAll()).contains("its data directory is in use by another Rapport process");
    }

    @Test
    void theEmbeddedDatabaseHeldByAnotherProcessIsSaidSo() {
        var inUse = new java.sql.SQLException("Database may be already in use", "90020", 90020);

        var analysis = new SettingsFailureAnalyzer().analyze(new IllegalStateException("flyway failed", inUse));

        assertThat(analysis.getDescription()).contains("its data directory is in use by another Rapport process");
        assertThat(analysis.getAction()).contains("Stop the other process first");
    }

    @Test
    void goodSettingsPass() {
        StandardEnvironment env = environment(Map.of("RAPPORT_DATA_DIR", data.toString(),
                "RAPPORT_MAIL_IMAP_HOST", "imap.shop.example", "RAPPORT_MAIL_SMTP_HOST", "smtp.shop.example",
                "RAPPORT_MAIL_IMAP_SECURITY", "starttls", "RAPPORT_MAIL_POLL_INTERVAL", "2m"));

        assertThat(SettingsCheck.check(env)).isEmpty();
    }

    @Test
    void everyEnvironmentVariableInTheReadmeReachesItsSetting() throws IOException {
        Pattern row = Pattern.compile("^\\| `(rapport\\.[a-z.-]+|server\\.port|spring\\.datasource\\.url)` \\| `([A-Z_]+)` \\|");
        List<String[]> rows = Files.readAllLines(Path.of("README.md")).stream().map(row::matcher)
                .filter(Matcher::find).map(m -> new String[] {m.group(1), m.group(2)}).toList();

        assertThat(rows).hasSizeGreaterThan(15);
        for (String[] r : rows) {
            StandardEnvironment env = environment(Map.of(r[1], "value-of-" + r[1]));
            assertThat(Binder.get(env).bind(r[0], String.class).orElse(null)).as(r[1] + " sets " + r[0])
                    .isEqualTo("value-of-" + r[1]);
        }
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(env);
        return env;
    }
}

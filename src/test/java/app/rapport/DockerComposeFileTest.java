package app.rapport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docker-compose.yml} is read by the real {@code docker-compose} (Debian's, installed by {@code .ci/run}).
 * There is no Docker engine here, so this checks the file, not the running containers.
 */
class DockerComposeFileTest {

    private static final Path FILE = Path.of("docker-compose.yml");

    @BeforeAll
    static void dockerComposeIsInstalled() {
        boolean installed = run(List.of("docker-compose", "version")).exit() == 0;
        if (!installed) {
            System.err.println("SKIPPED DockerComposeFileTest: docker-compose is not installed"
                    + " (Debian: apt-get install docker-compose, as .ci/run does)");
        }
        assumeTrue(installed, "docker-compose is not installed");
    }

    @Test
    void theComposeFileIsValid() {
        Result result = run(List.of("docker-compose", "-f", FILE.toString(), "config", "-q"));

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void runsRapportWithPostgresAndAMailServer() {
        Result services = run(List.of("docker-compose", "-f", FILE.toString(), "config", "--services"));

        assertThat(services.output().lines().toList()).containsExactlyInAnyOrder("rapport", "postgres", "mail");
    }

    @Test
    void rapportUsesPostgresKeepsDataAndIndexInVolumesAndHasHealthChecks() {
        String config = run(List.of("docker-compose", "-f", FILE.toString(), "config")).output();

        assertThat(config).contains("SPRING_DATASOURCE_URL: jdbc:postgresql://postgres:5432/rapport")
                .contains("rapport-data").contains("rapport-index").contains("/data/index").contains("postgres-data")
                .contains("condition: service_healthy")
                .contains("/workspace/health-check").contains("pg_isready");
    }

    @Test
    void everyRapportSettingOfTheReadmeCanBeSetFromTheEnvironment() throws IOException {
        String compose = Files.readString(FILE);
        List<String> variables = Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| `rapport."))
                .flatMap(line -> java.util.regex.Pattern.compile("`(RAPPORT_[A-Z_]+)`").matcher(line).results()
                        .map(m -> m.group(1)))
                // the demo is off under compose, and the schedules are switched off only by the commands
                .filter(v -> !v.startsWith("RAPPORT_DEMO_") && !v.equals("RAPPORT_SCHEDULING_ENABLED"))
                .toList();

        assertThat(variables).isNotEmpty();
        assertThat(variables).allSatisfy(v -> assertThat(compose).contains(v + ":"));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}

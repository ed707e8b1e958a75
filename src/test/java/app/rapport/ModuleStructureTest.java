package app.rapport;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(RapportApplication.class);

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicTypesAndWithoutCycles() {
        modules.verify();
    }

    @Test
    void everyFeatureIsAModule() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("mailbox", "threading", "customers", "recall", "drafting", "outbox", "web", "cli", "demo");
    }

    @Test
    void noModuleDependsOnTheWebInbox() {
        modules.stream()
                .filter(m -> !m.getIdentifier().toString().equals("web"))
                .forEach(m -> assertThat(m.getDirectDependencies(modules).stream()
                        .map(d -> d.getTargetModule().getIdentifier().toString())).as(m.getIdentifier() + " dependencies")
                        .doesNotContain("web"));
    }
}

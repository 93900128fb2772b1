package io.legnext.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Spring stays in the starter: the core, the adapters and the client know nothing of it. */
class ArchitectureTest {

    private static final JavaClasses LEGNEXT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.legnext");

    @Test
    void nothingOutsideTheStarterDependsOnSpring() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.legnext.core..", "io.legnext.adapter..", "io.legnext.app..", "io.legnext.micrometer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .because("the core and the adapters are framework-free; Spring is the starter's alone")
                .check(LEGNEXT);
    }

    @Test
    void theStarterUsesTheCoreThroughItsPublicPortsNotTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.legnext.spring..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.legnext.app.cli..", "io.legnext.app.json..")
                .check(LEGNEXT);
    }
}

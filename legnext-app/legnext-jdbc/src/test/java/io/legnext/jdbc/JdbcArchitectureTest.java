package io.legnext.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The JDBC adapter's place in the module map. */
@AnalyzeClasses(packages = "io.legnext.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnTheCoreAndTheJdkAlone = classes()
            .that()
            .resideInAPackage("io.legnext.jdbc..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.sql..", "io.legnext.core..", "io.legnext.jdbc..")
            .because("the store speaks JDBC to whatever DataSource the host brings: no driver, pool or other"
                    + " adapter on a host's class path because of it");
}

package io.legnext.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module map, checked over every module's production classes: dependencies point inward. */
@AnalyzeClasses(
        packages = "io.legnext",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    private static final String CORE = "io.legnext.core..";
    private static final String FEIGN = "io.legnext.adapter.feign..";
    private static final String FAKE = "io.legnext.adapter.fake..";
    private static final String GENERATED = "io.legnext.adapter.feign.generated..";
    private static final String APP = "io.legnext.app..";
    private static final String MICROMETER = "io.legnext.micrometer..";
    private static final String MOCK = "io.legnext.mock..";

    /** Leaves out test jars (the core's contract tests) that the app's test classpath holds. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule coreDependsOnNothing = classes()
            .that()
            .resideInAPackage(CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", CORE)
            .because("the core is the hexagon's inside and depends on the JDK's java.base alone (javax.crypto for the"
                    + " webhook HMAC): any host embeds it with any adapter, and no library's upgrade can break the"
                    + " rules");

    @ArchTest
    static final ArchRule theFakeDependsOnlyOnTheCore = classes()
            .that()
            .resideInAPackage(FAKE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", CORE, FAKE)
            .because("the fake is a plain in-memory implementation of the core's ports, usable in any host's tests");

    @ArchTest
    static final ArchRule theHttpAdapterDependsOnlyOnTheCoreAndItsLibraries = classes()
            .that()
            .resideInAPackage(FEIGN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax..",
                    CORE,
                    FEIGN,
                    "feign..",
                    "com.fasterxml.jackson..",
                    "org.slf4j..",
                    "jakarta.annotation..")
            .because("the HTTP adapter implements the core's ports with Feign and Jackson and nothing else");

    @ArchTest
    static final ArchRule theMicrometerBindingDependsOnlyOnTheCoreAndMicrometer = classes()
            .that()
            .resideInAPackage(MICROMETER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", CORE, MICROMETER, "io.micrometer..")
            .because("the binding turns the core's events into meters and needs nothing else, so a host adds it"
                    + " beside any adapter");

    @ArchTest
    static final ArchRule onlyTheMicrometerBindingKnowsMicrometer = noClasses()
            .that()
            .resideOutsideOfPackage(MICROMETER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..")
            .because("metrics are a host's choice: everything else speaks to one listener of JDK types, and"
                    + " Micrometer stays in its own artifact");

    @ArchTest
    static final ArchRule noAdapterDependsOnAnother = noClasses()
            .that()
            .resideInAPackage(FAKE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEIGN, APP)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("io.legnext.adapter.(**)")
            .andShould()
            .dependOnClassesThat()
            .resideOutsideOfPackages(FAKE, CORE, "java..", "javax..")
            .because("adapters are swappable only if none knows another");

    @ArchTest
    static final ArchRule theHttpAdapterKnowsNoOtherAdapter = noClasses()
            .that()
            .resideInAPackage(FEIGN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FAKE, APP)
            .because("adapters are swappable only if none knows another");

    @ArchTest
    static final ArchRule generatedClassesStayInsideTheHttpAdapter = noClasses()
            .that()
            .resideOutsideOfPackage(FEIGN)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(GENERATED)
            .because("the generated client is an implementation detail: a contract change must show up as a compile"
                    + " error in the HTTP adapter's mapper, nowhere else");

    @ArchTest
    static final ArchRule insideTheHttpAdapterOnlyTheMapperAndTheWiringTouchGeneratedTypes = noClasses()
            .that()
            .resideInAPackage(FEIGN)
            .and()
            .resideOutsideOfPackage(GENERATED)
            .and()
            .doNotHaveSimpleName("TaskMapper")
            .and()
            .doNotHaveSimpleName("LegnextHttpAdapter")
            .and()
            .doNotHaveSimpleName("JacksonTaskDecoder")
            .and()
            .doNotHaveSimpleName("StreamingTaskReader")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(GENERATED)
            .because("one mapper converts generated types (the adapter and the callback decoder only call the"
                    + " generated API and hand its models to the mapper; the streaming reader fills the generated"
                    + " task from JSON in the binding's place), so a spec change breaks the mapper, and the reader"
                    + " only where a task field is renamed");

    @ArchTest
    static final ArchRule onlyTheAppKnowsTheAdapters = noClasses()
            .that()
            .resideOutsideOfPackages(APP, FEIGN, FAKE, MOCK)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEIGN, FAKE)
            .because("the app is the composition root, the only place that chooses and wires adapters (the mock"
                    + " server, a composition root of its own, serves the fake)");

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that()
            .resideOutsideOfPackages(APP, MOCK)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APP)
            .because("the app is the outermost ring: it depends on everything and nothing depends on it (but the"
                    + " mock server, beside it, which borrows its HTTP server)");

    @ArchTest
    static final ArchRule theMockServerServesTheFakeWithTheClientsHttpServerAndJacksonAlone = classes()
            .that()
            .resideInAPackage(MOCK)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax.net.ssl..",
                    CORE,
                    FAKE,
                    MOCK,
                    "io.legnext.app.webhook..",
                    "com.fasterxml.jackson..")
            .because("the mock server is the fake over HTTP: it knows neither the HTTP adapter (which its tests drive"
                    + " against it) nor the facade nor the command line");

    @ArchTest
    static final ArchRule onlyTheCommandLineKnowsTheMockServer = noClasses()
            .that()
            .resideOutsideOfPackages(MOCK, "io.legnext.app.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(MOCK)
            .because("the mock server is its own artifact: a host that does not use it must not need it");

    @ArchTest
    static final ArchRule theCliStaysAtTheEdgeOfTheApp = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.legnext.app",
                    "io.legnext.app.journal..",
                    "io.legnext.app.batch..",
                    "io.legnext.app.download..",
                    "io.legnext.app.webhook..",
                    "io.legnext.app.json..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.legnext.app.cli..", "picocli..")
            .because("the embedding facade, journal, batch store, downloads and webhook server serve hosts too; only"
                    + " the command"
                    + " line knows picocli");

    @ArchTest
    static final ArchRule theFacadeOffersEveryUseCase = classes()
            .that()
            .resideInAPackage("io.legnext.core.port.in")
            .and()
            .areInterfaces()
            .and()
            .areTopLevelClasses()
            .should(new com.tngtech.archunit.lang.ArchCondition<>("be offered by the Legnext facade") {
                @Override
                public void check(
                        com.tngtech.archunit.core.domain.JavaClass useCase,
                        com.tngtech.archunit.lang.ConditionEvents events) {
                    Class<?> port = useCase.reflect();
                    // Implemented, or handed out by a public method (the callback receiver needs its secret first).
                    boolean offered = port.isAssignableFrom(Legnext.class)
                            || java.util.Arrays.stream(Legnext.class.getMethods())
                                    .anyMatch(m -> port.isAssignableFrom(m.getReturnType()));
                    if (!offered) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                useCase, "Legnext neither implements nor hands out " + useCase.getSimpleName()));
                    }
                }
            })
            .because("a new operation reaches hosts through the facade: a driving port it lacks is an operation no"
                    + " host can call");
}

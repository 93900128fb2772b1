package io.legnext.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The core's own rule set: the JDK alone, and each package in its role. */
@AnalyzeClasses(packages = "io.legnext.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    private static final String CORE = "io.legnext.core..";
    /** The domain, by concept: the job, requests and URLs, rules, errors, waiting, callbacks, the journal, secrets. */
    private static final String[] DOMAIN = {
        "io.legnext.core.job..",
        "io.legnext.core.request..",
        "io.legnext.core.url..",
        "io.legnext.core.rule..",
        "io.legnext.core.error..",
        "io.legnext.core.wait..",
        "io.legnext.core.callback..",
        "io.legnext.core.journal..",
        "io.legnext.core.secret..",
        "io.legnext.core.batch.."
    };

    private static final String ERROR = "io.legnext.core.error..";
    private static final String PORT = "io.legnext.core.port..";
    private static final String PORT_IN = "io.legnext.core.port.in";
    private static final String PORT_OUT = "io.legnext.core.port.out";
    private static final String SERVICE = "io.legnext.core.service..";
    private static final String TIME = "io.legnext.core.time..";

    @ArchTest
    static final ArchRule coreDependsOnTheJdkAlone = classes()
            .that()
            .resideInAPackage(CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", CORE)
            .because("the core depends on the JDK alone (javax.crypto included, for the webhook HMAC), so a host can"
                    + " embed it with any adapter and no framework");

    @ArchTest
    static final ArchRule coreImportsNoFramework = noClasses()
            .that()
            .resideInAPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "feign..",
                    "com.fasterxml.jackson..",
                    "org.slf4j..",
                    "ch.qos.logback..",
                    "org.apache.logging..",
                    "org.springframework..",
                    "jakarta..",
                    "javax.annotation..",
                    "javax.inject..",
                    "javax.ws..",
                    "javax.servlet..",
                    "io.swagger..",
                    "org.openapitools..",
                    "okhttp3..",
                    "org.apache.http..",
                    "picocli..",
                    "io.micrometer..",
                    "io.legnext.adapter..",
                    "io.legnext.app..",
                    "io.legnext.micrometer..")
            .because("frameworks, generated code and adapters live in the adapter modules; the core only defines"
                    + " the ports they implement");

    @ArchTest
    static final ArchRule domainKnowsNoPortsServicesOrTime = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PORT, SERVICE, TIME)
            .because("the domain is the innermost ring: value objects, rules and exceptions that everything else"
                    + " speaks in");

    @ArchTest
    static final ArchRule portsDoNotDependOnServices = noClasses()
            .that()
            .resideInAPackage(PORT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SERVICE)
            .because("ports are the contracts services implement and drive, never the other way round");

    @ArchTest
    static final ArchRule portsAreInterfaces = classes()
            .that()
            .resideInAnyPackage(PORT_IN, PORT_OUT)
            .should()
            .beInterfaces()
            .because("a port is a contract an adapter or a service implements");

    @ArchTest
    static final ArchRule drivingPortsAreUseCases = classes()
            .that()
            .resideInAPackage(PORT_IN)
            .should()
            .haveSimpleNameEndingWith("UseCase")
            .because("driving ports name what a host can do");

    @ArchTest
    static final ArchRule drivenPortsArePorts = classes()
            .that()
            .resideInAPackage(PORT_OUT)
            .and()
            .areTopLevelClasses()
            .should()
            .haveSimpleNameEndingWith("Port")
            .orShould()
            .haveSimpleName("Scheduler")
            .orShould()
            .haveSimpleName("Sleeper")
            .because("driven ports name what the core drives, e.g. VideoGenerationPort; time is driven too and keeps"
                    + " the two names a reader already takes for time, its adapters living in core.time");

    @ArchTest
    static final ArchRule timeHoldsAdaptersOnly = classes()
            .that()
            .resideInAPackage(TIME)
            .and()
            .areTopLevelClasses()
            .should()
            .notBeInterfaces()
            .because("core.time holds the two time adapters the core ships (a thread pool and virtual time); the"
                    + " contracts they implement are driven ports and live in port.out");

    @ArchTest
    static final ArchRule servicesAreNotAccessedByDomainPortsOrTime = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .or()
            .resideInAnyPackage(PORT, TIME)
            .should()
            .accessClassesThat()
            .resideInAPackage(SERVICE)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage(SERVICE)
            .because("hosts reach services through the driving ports; nothing inside the core reaches back into them");

    @ArchTest
    static final ArchRule servicesImplementDrivingPorts = classes()
            .that()
            .resideInAPackage(SERVICE)
            .and()
            .haveSimpleNameEndingWith("Service")
            .should()
            .implement(resideInAPackage(PORT_IN))
            .because("a service is what stands behind a driving port");

    @ArchTest
    static final ArchRule errorsStandAlone = noClasses()
            .that()
            .resideInAPackage(ERROR)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.legnext.core.job..",
                    "io.legnext.core.request..",
                    "io.legnext.core.url..",
                    "io.legnext.core.rule..",
                    "io.legnext.core.wait..",
                    "io.legnext.core.callback..",
                    "io.legnext.core.journal..",
                    "io.legnext.core.batch..")
            .because("every value checks its bounds with these exceptions: they can know nothing of the values, or"
                    + " the concepts would depend on each other in a circle");

    @ArchTest
    static final ArchRule noPackageHoldsMoreThanSixteenTypes = classes()
            .that()
            .resideInAPackage(CORE)
            .and()
            .areTopLevelClasses()
            .should(new com.tngtech.archunit.lang.ArchCondition<>("share a package with at most 16 top-level types") {
                @Override
                public void check(
                        com.tngtech.archunit.core.domain.JavaClass item,
                        com.tngtech.archunit.lang.ConditionEvents events) {
                    long inPackage = item.getPackage().getClasses().stream()
                            .filter(c ->
                                    c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                            .count();
                    if (inPackage > 16) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                item, item.getPackageName() + " holds " + inPackage + " top-level types"));
                    }
                }
            })
            .because("a package is one concept, 8-16 types, grouped by what they are about");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.legnext.core.(*)..")
            .should()
            .beFreeOfCycles()
            .because("dependencies point inward: service -> port -> the domain's concepts, which form no circle");

    @ArchTest
    static final ArchRule coreWritesNothingToStandardStreams =
            GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
                    "a library reports through exceptions and return values, never by printing into its host");
}

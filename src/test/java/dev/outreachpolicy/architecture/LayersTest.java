package dev.outreachpolicy.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers depend one way. The engine ({@code dev.outreachpolicy.engine..}: facts, vocabulary, request parsing,
 * fact resolution, rules loading and evaluation, the fixture runner) knows nothing of HTTP, the store or the
 * container; the service packages (api, decision, audit, impact, serving, the stores) sit on top of it. No two
 * packages depend on each other, directly or around a loop. A change that breaks either fails the build here.
 */
@AnalyzeClasses(packages = "dev.outreachpolicy", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    @ArchTest
    static final ArchRule engineKnowsNothingOfTheServiceLayer = noClasses()
        .that().resideInAPackage("dev.outreachpolicy.engine..")
        .should().dependOnClassesThat(resideInAPackage("dev.outreachpolicy..").and(not(resideInAPackage("dev.outreachpolicy.engine.."))))
        .because("the engine is the bottom layer: the service uses it, never the other way round");

    @ArchTest
    static final ArchRule engineKnowsNothingOfHttpTheStoreOrTheContainer = noClasses()
        .that().resideInAPackage("dev.outreachpolicy.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.netty..", "jakarta..",
            "javax.sql..", "java.sql..", "org.eclipse.microprofile..", "io.micrometer..", "io.agroal..", "org.postgresql..",
            "org.flywaydb..", "io.smallrye..")
        .because("the engine runs the same in the service, in the command line, in the fixture runner and in a benchmark");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.outreachpolicy.(**)").should().beFreeOfCycles();
}

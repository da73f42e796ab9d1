package dev.streamlog.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the build holds: the engine is plain Java and Chronicle stays behind its io
 * package; the service's adapters use the engine, never the reverse; only {@code cluster}
 * talks to ZooKeeper; request handling ({@code partition}, {@code produce}, {@code fetch},
 * {@code web}) does not depend on it; and no package cycle exists anywhere in the module.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlog.storage");
    }

    @Test
    void theLogEngineDoesNotUseSpring() {
        noClasses().that().resideInAPackage("dev.streamlog.storage.log..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
                .check(main);
    }

    @Test
    void onlyTheIoPackageTouchesChronicle() {
        noClasses().that().resideOutsideOfPackage("dev.streamlog.storage.log.io..")
                .should().dependOnClassesThat().resideInAPackage("net.openhft..")
                .check(main);
    }

    @Test
    void theEngineDependsOnlyOnTheJdkTheSharedModelAndLogging() {
        classes().that().resideInAPackage("dev.streamlog.storage.log..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.streamlog.storage.log..",
                        "dev.streamlog.model..", "java..", "org.slf4j..", "net.openhft..")
                .check(main);
    }

    @Test
    void theEngineKnowsNothingOfTheServiceAroundIt() {
        noClasses().that().resideInAPackage("dev.streamlog.storage.log..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.storage.config..",
                        "dev.streamlog.storage.cluster..", "dev.streamlog.storage.partition..",
                        "dev.streamlog.storage.produce..", "dev.streamlog.storage.fetch..", "dev.streamlog.storage.web..",
                        "org.apache.curator..", "org.apache.zookeeper..", "tools.jackson..", "com.fasterxml..")
                .check(main);
    }

    @Test
    void onlyTheClusterPackageTalksToZooKeeper() {
        noClasses().that().resideOutsideOfPackage("dev.streamlog.storage.cluster..")
                .and().resideInAPackage("dev.streamlog.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..")
                .check(main);
    }

    @Test
    void requestHandlingDoesNotReachIntoZooKeeperAdapters() {
        noClasses().that().resideInAnyPackage("dev.streamlog.storage.partition..", "dev.streamlog.storage.produce..",
                        "dev.streamlog.storage.fetch..", "dev.streamlog.storage.web..", "dev.streamlog.storage.replica..")
                .should().dependOnClassesThat().resideInAPackage("dev.streamlog.storage.cluster..")
                .check(main);
    }

    @Test
    void featurePackagesDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.streamlog.storage.produce..")
                .should().dependOnClassesThat().resideInAPackage("dev.streamlog.storage.fetch..")
                .check(main);
        noClasses().that().resideInAPackage("dev.streamlog.storage.fetch..")
                .should().dependOnClassesThat().resideInAPackage("dev.streamlog.storage.produce..")
                .check(main);
    }

    @Test
    void controllersLiveInFeaturePackagesOnly() {
        classes().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().resideInAnyPackage("dev.streamlog.storage.produce..", "dev.streamlog.storage.fetch..",
                        "dev.streamlog.storage.replica..")
                .andShould().notBePublic()
                .check(main);
    }

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("dev.streamlog.storage.(**)").should().beFreeOfCycles().check(main);
    }
}

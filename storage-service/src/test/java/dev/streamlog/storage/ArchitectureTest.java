package dev.streamlog.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering the build holds: the engine is plain Java and Chronicle stays behind its io package. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlog");
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
    void enginePackagesHaveNoCycles() {
        slices().matching("dev.streamlog.storage.(**)").should().beFreeOfCycles().check(main);
    }
}

package dev.streamlog.coordinator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layering the build holds: the log format and group state know nothing of leases or routes;
 * leases know nothing of routes; only the ownership and the wiring touch Curator.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlog.coordinator");
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notHaveModifier(JavaModifier.PUBLIC)
                .check(main);
    }

    @Test
    void theOffsetsLogAndTheGroupStateDoNotKnowOwnershipOrRoutes() {
        noClasses().that().resideInAnyPackage("dev.streamlog.coordinator.offsets..", "dev.streamlog.coordinator.group..",
                        "dev.streamlog.coordinator.assignment..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.coordinator.ownership..",
                        "dev.streamlog.coordinator.commit..", "dev.streamlog.coordinator.web..")
                .check(main);
        noClasses().that().resideInAPackage("dev.streamlog.coordinator.ownership..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.coordinator.commit..",
                        "dev.streamlog.coordinator.web..")
                .check(main);
    }

    @Test
    void onlyTheOwnershipAndTheWiringTouchCurator() {
        noClasses().that().resideOutsideOfPackages("dev.streamlog.coordinator.ownership..",
                        "dev.streamlog.coordinator.config..", "dev.streamlog.coordinator.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..")
                .check(main);
    }
}

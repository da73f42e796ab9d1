package dev.streamlog.controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering the build holds: controller logic and placement know neither ZooKeeper nor Spring nor HTTP. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlog.controller");
    }

    @Test
    void controllerLogicIsPlainJava() {
        noClasses().that().resideInAnyPackage("dev.streamlog.controller.metadata..",
                        "dev.streamlog.controller.placement..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                        "org.apache.curator..", "org.apache.zookeeper..")
                .check(main);
    }

    @Test
    void controllerLogicDoesNotReachIntoTheAdapters() {
        noClasses().that().resideInAnyPackage("dev.streamlog.controller.metadata..",
                        "dev.streamlog.controller.placement..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.controller.zookeeper..",
                        "dev.streamlog.controller.election..", "dev.streamlog.controller.admin..",
                        "dev.streamlog.controller.web..")
                .check(main);
    }
}

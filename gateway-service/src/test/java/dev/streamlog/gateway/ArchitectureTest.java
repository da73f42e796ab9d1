package dev.streamlog.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The layering the build holds: thin package-private controllers; the building blocks know no route. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.streamlog.gateway");
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notHaveModifier(JavaModifier.PUBLIC)
                .check(main);
    }

    @Test
    void formatsStorageCallsMetadataAndMetricsDoNotDependOnTheRoutes() {
        noClasses().that().resideInAnyPackage("dev.streamlog.gateway.format..", "dev.streamlog.client.storage..",
                        "dev.streamlog.gateway.metadata..", "dev.streamlog.gateway.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.gateway.produce..",
                        "dev.streamlog.gateway.fetch..", "dev.streamlog.gateway.admin..",
                        "dev.streamlog.gateway.consumer..")
                .check(main);
    }

    @Test
    void onlyTheZooKeeperAdaptersAndWiringTouchCurator() {
        noClasses().that().resideInAnyPackage("dev.streamlog.gateway.format..", "dev.streamlog.gateway.produce..",
                        "dev.streamlog.gateway.fetch..", "dev.streamlog.client.storage..", "dev.streamlog.gateway.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..")
                .check(main);
    }

    @Test
    void onlyAuthenticationTouchesSpringSecurityAndItKnowsNoRoute() {
        noClasses().that().resideOutsideOfPackage("dev.streamlog.gateway.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..")
                .check(main);
        noClasses().that().resideInAPackage("dev.streamlog.gateway.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.gateway.produce..",
                        "dev.streamlog.gateway.fetch..", "dev.streamlog.gateway.admin..",
                        "dev.streamlog.gateway.consumer..")
                .check(main);
    }
}

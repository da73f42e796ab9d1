package dev.streamlog.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.streamlog.gateway.acl.Access;
import dev.streamlog.gateway.acl.AnyPrincipal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @Test
    void theAclAndQuotaBuildingBlocksKnowNoRoute() {
        noClasses().that().resideInAnyPackage("dev.streamlog.gateway.acl..", "dev.streamlog.gateway.quota..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.streamlog.gateway.produce..",
                        "dev.streamlog.gateway.fetch..", "dev.streamlog.gateway.admin..",
                        "dev.streamlog.gateway.consumer..", "dev.streamlog.gateway.metadata..")
                .check(main);
    }

    /** Every route checks its ACLs: its handler takes an {@link Access}, or says every caller may use it. */
    @Test
    void everyRouteChecksItsAclsOrSaysAnyoneMayCallIt() {
        methods().that().areMetaAnnotatedWith(RequestMapping.class)
                .should(new ArchCondition<JavaMethod>("take an Access or be annotated @AnyPrincipal") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean checks = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isEquivalentTo(Access.class));
                        if (!checks && !method.isAnnotatedWith(AnyPrincipal.class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " neither takes an Access nor is @AnyPrincipal"));
                        }
                    }
                })
                .check(main);
    }
}
